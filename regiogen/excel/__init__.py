"""Excel and the begroting: read posten from a workbook, write the begroting as a workbook.

* :func:`read_begroting_xlsx` / :func:`read_posten`: posten from a user's .xlsx as plain data;
* :func:`merge_xlsx_posten`: fill ``begroting.posten`` from ``begroting.xlsx`` while loading;
* :func:`begroting_to_xlsx`: the begroting as .xlsx with formulas, reproducible bytes.

openpyxl is imported only when a workbook is actually read or written.
"""

from __future__ import annotations

from regiogen.excel.merge import merge_xlsx_posten, xlsx_source
from regiogen.excel.read import XlsxPosten, cell_ref, read_begroting_xlsx, read_posten
from regiogen.excel.write import begroting_to_xlsx

__all__ = [
    "XlsxPosten",
    "begroting_to_xlsx",
    "cell_ref",
    "merge_xlsx_posten",
    "read_begroting_xlsx",
    "read_posten",
    "xlsx_source",
]
