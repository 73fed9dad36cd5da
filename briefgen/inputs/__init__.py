"""Inputs: file names, folders, globs, URLs and stdin in; bounded bytes, then `model.Article`s (and `Problem`s) out."""
