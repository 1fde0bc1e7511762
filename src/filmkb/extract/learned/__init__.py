"""Learned extraction components (weights trained by scripts in ``scripts/``, shipped here).

* ``tokens``   tokenizer with character offsets and the token features the tagger uses;
* ``tagger``   CRF entity tagger: PER, FILM, ORG spans (``scripts/train_tagger.py``);
* ``roles``    role of a person mention: director, writer, cast, none (``scripts/train_roles.py``);
* ``mainfilm`` which title candidate is the page's film (``scripts/train_mainfilm.py``).

The runtime needs only numpy and python-crfsuite; nothing is downloaded.
"""
