"""Stage 4, render: from templates to the files a user opens.

The sandboxed Jinja2 environment and its filters (templates → Markdown), the one Markdown
dialect regiogen reads, and the writers: Word (:mod:`.docx`), HTML, PDF through LibreOffice,
and the begroting as an Excel workbook. Each writer takes Markdown or a model and returns bytes
plus diagnostics; only :mod:`.convert` and the ``render`` command's helpers write files.

May import: :mod:`regiogen.model`, :mod:`regiogen.source` and the shared modules; never
:mod:`regiogen.documents`, :mod:`regiogen.build` or :mod:`regiogen.cli`.
"""
