"""Corpora: many documents at once, and several renditions of one article.

- :mod:`copydesk.corpus.batch` restores many inputs on all cores, resumably;
- :mod:`copydesk.corpus.versions` finds the renditions of one article in a corpus;
- :mod:`copydesk.corpus.merge` merges renditions into the one best article.
"""
