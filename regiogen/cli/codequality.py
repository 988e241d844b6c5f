"""Diagnostics as a GitLab Code Quality report (``check --format codequality``).

GitLab shows this JSON in merge requests (artifact ``reports: codequality``): a list of
issues, each with a description, the check that found it, a fingerprint that stays the same
as long as the finding does, a severity (``info``, ``minor``, ``major``, ``critical``,
``blocker``) and a location (a path relative to the repository and a begin line).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from regiogen.diagnostics import Diagnostic, Severity

#: regiogen's severities on GitLab's scale.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report_path(path: str, prefix: str = "") -> str:
    """A path as CI systems want it: forward slashes, relative to the repository root."""
    text = path.replace("\\", "/")
    if prefix and text and not text.startswith("/") and ":" not in text.split("/", 1)[0]:
        return f"{prefix.rstrip('/')}/{text}"
    return text


def to_codequality(diagnostics: Sequence[Diagnostic], prefix: str = "") -> str:
    """The Code Quality JSON (a list) for ``diagnostics``; ``prefix`` is the project's folder
    in the repository (``""`` when the project is the repository)."""
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for diagnostic in diagnostics:
        path = report_path(diagnostic.path, prefix) or "regiogen.yaml"
        key = "\0".join((diagnostic.code, path, diagnostic.message))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        issues.append(
            {
                "type": "issue",
                "check_name": diagnostic.code,
                "description": diagnostic.message,
                "categories": ["Clarity"] if diagnostic.code.startswith("iza.") else ["Bug Risk"],
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": SEVERITIES[diagnostic.severity],
                "location": {"path": path, "lines": {"begin": diagnostic.line or 1}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def repository_prefix(project_root: Any) -> str:
    """The project's folder relative to the root of its git repository ("" when none).

    SARIF and Code Quality paths must be relative to the repository, or a project in a
    subfolder gets no annotations. Without git (or outside a checkout) the project folder
    is the root.
    """
    import subprocess
    from pathlib import Path

    root = Path(project_root).resolve()
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    top = found.stdout.strip()
    if found.returncode != 0 or not top:
        return ""
    try:
        rel = root.relative_to(Path(top).resolve())
    except ValueError:
        return ""
    return "" if str(rel) == "." else rel.as_posix()
