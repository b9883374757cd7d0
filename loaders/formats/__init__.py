"""Readers of the file formats cancu takes in, one module each.

Every reader turns bytes into plain text (one paragraph a line, blank lines
between blocks) plus a list of notes; ``loaders.read`` picks the reader by the
file's content (magic bytes) and wraps the result in a ``SourceText``.
A reader raises ``graphmodel.errors.LoadError`` with the reason and the fix.
"""
