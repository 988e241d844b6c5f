"""Where regiogen finds its own files, and safe path handling for project files."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_templates_dir() -> Path:
    """Return the folder with the built-in templates and ``reference.docx``.

    In an installed wheel the templates sit inside the package (``regiogen/templates``);
    in a source checkout or editable install they sit in the repository's ``templates/``.
    """
    packaged = _PACKAGE_DIR / "templates"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "templates"


def builtin_reference_docx() -> Path:
    """Return the built-in house-style reference document."""
    return builtin_templates_dir() / "reference.docx"


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (after resolving links and ``..``) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def builtin_example_dir() -> Path:
    """The example content that ``regiogen init`` copies (region Lindeland, handreiking)."""
    packaged = _PACKAGE_DIR / "example"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "content"
