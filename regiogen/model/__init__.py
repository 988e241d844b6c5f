"""Stage 2, model: the typed content of a region and the project's settings.

Pydantic models of everything a region's YAML may hold (money as ``Decimal``), the validation
of plain data into those models with Dutch diagnostics, the checks on ids and references, the
figures derived from the content (begroting overviews), and ``regiogen.yaml``.

May import: :mod:`regiogen.source` and the shared modules (diagnostics, paths, files).
"""
