"""Stage 1, source: reading what users write into plain data with positions.

YAML (composed within bounds, with the position of every key and value), Excel workbooks with
begroting posten, encodings and byte problems, and the values as they are written in Dutch
content (amounts, dates, quarters). Nothing here knows the content model.

May import: :mod:`regiogen.diagnostics`, :mod:`regiogen.paths`, :mod:`regiogen.files`.
"""
