"""Simple TeX (``$x^2$``, ``$$\\frac{a}{b}$$``) → Word equations (Office Math, OMML).

Covers what plans and notes use: letters, digits and operators, superscripts and subscripts
(``x^2``, ``x_{i}``, ``x_i^2``), ``\\frac``, ``\\sqrt``, Greek letters and common symbols
(``\\cdot``, ``\\times``, ``\\le``, ``\\ge``, ``\\neq``, ``\\pm``, ``\\approx``, ``\\sum``,
``\\infty``, ``\\%``). Anything else raises :class:`Unsupported`; the writer then keeps the
TeX as text and warns (``markdown.math``).
"""

from __future__ import annotations

from .xmlutil import esc

__all__ = ["Unsupported", "tex_to_omml"]

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

# fmt: off
_SYMBOLS = {
    **{name: chr(code) for name, code in (
        ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4),
        ("epsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8),
        ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD),
        ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4),
        ("phi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9),
        ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B),
        ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9),
    )},
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "infty": "∞", "sum": "∑",
    "prod": "∏", "to": "→", "rightarrow": "→", "%": "%", "euro": "€", ",": " ", ";": " ",
    " ": " ", "quad": " ", "{": "{", "}": "}", "_": "_", "&": "&", "$": "$", "#": "#",
    "ldots": "…", "dots": "…", "cdots": "⋯",
}
# fmt: on
_PLAIN = set("0123456789.,+-=()[]/<>|!:;'* ")


class Unsupported(ValueError):
    """TeX this converter does not turn into an equation."""


class _Parser:
    def __init__(self, tex: str) -> None:
        self.s = tex
        self.i = 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def command(self) -> str:
        self.i += 1  # the backslash
        start = self.i
        if self.i < len(self.s) and not self.s[self.i].isalpha():
            self.i += 1
            return self.s[start : self.i]
        while self.i < len(self.s) and self.s[self.i].isalpha():
            self.i += 1
        return self.s[start : self.i]

    def group(self) -> str:
        """One argument: ``{...}`` or a single character or command."""
        while self.peek() == " ":
            self.i += 1
        if self.peek() == "{":
            self.i += 1
            inner = self.sequence("}")
            if self.peek() != "}":
                raise Unsupported("'{' zonder '}'")
            self.i += 1
            return inner
        return self.atom()

    def atom(self) -> str:
        c = self.peek()
        if not c:
            raise Unsupported("formule eindigt te vroeg")
        if c == "\\":
            name = self.command()
            if name == "frac":
                num, den = self.group(), self.group()
                return f"<m:f><m:num>{num}</m:num><m:den>{den}</m:den></m:f>"
            if name == "sqrt":
                if self.peek() == "[":
                    raise Unsupported("\\sqrt[n]")
                body = self.group()
                return (
                    '<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/>'
                    f"<m:e>{body}</m:e></m:rad>"
                )
            if name in ("left", "right"):
                return self.atom()
            if name in ("text", "mathrm", "mbox"):
                start = self.i + 1
                self.group()
                text = self.s[start : self.i - 1]
                return _run(text, plain=True)
            if name in _SYMBOLS:
                return _run(_SYMBOLS[name])
            raise Unsupported(f"\\{name}")
        if c == "{":
            return self.group()
        self.i += 1
        if c.isalpha():
            return _run(c)
        if c.isdigit():
            while self.peek().isdigit() or (
                self.peek() in ",." and self.s[self.i + 1 :][:1].isdigit()
            ):
                c += self.peek()
                self.i += 1
            return _run(c)
        if c in _PLAIN:
            return _run(c) if c != " " else ""
        raise Unsupported(c)

    def sequence(self, until: str = "") -> str:
        out: list[str] = []
        while self.i < len(self.s) and self.peek() != until:
            if self.peek() in "^_":
                raise Unsupported("'^' of '_' zonder grondtal")
            base = self.atom()
            sub = sup = None
            while self.peek() in ("^", "_") and self.peek():
                mark = self.peek()
                self.i += 1
                arg = self.group()
                if mark == "^" and sup is None:
                    sup = arg
                elif mark == "_" and sub is None:
                    sub = arg
                else:
                    raise Unsupported("dubbele '^' of '_'")
            out.append(_scripts(base, sub, sup))
        return "".join(out)


def _run(text: str, *, plain: bool = False) -> str:
    style = '<m:rPr><m:sty m:val="p"/></m:rPr>' if plain else ""
    return f'<m:r>{style}<m:t xml:space="preserve">{esc(text)}</m:t></m:r>' if text else ""


def _scripts(base: str, sub: str | None, sup: str | None) -> str:
    if sub is not None and sup is not None:
        return f"<m:sSubSup><m:e>{base}</m:e><m:sub>{sub}</m:sub><m:sup>{sup}</m:sup></m:sSubSup>"
    if sup is not None:
        return f"<m:sSup><m:e>{base}</m:e><m:sup>{sup}</m:sup></m:sSup>"
    if sub is not None:
        return f"<m:sSub><m:e>{base}</m:e><m:sub>{sub}</m:sub></m:sSub>"
    return base


def tex_to_omml(tex: str) -> str:
    """The ``m:oMath`` element (with its namespace) for ``tex``; raises :class:`Unsupported`."""
    if len(tex) > 2000:
        raise Unsupported("formule te lang")
    parser = _Parser(tex.strip())
    body = parser.sequence()
    if parser.i < len(parser.s):
        raise Unsupported("'}' zonder '{'")
    return f'<m:oMath xmlns:m="{M_NS}">{body}</m:oMath>'
