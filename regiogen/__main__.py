"""Run regiogen as ``python -m regiogen``."""

from regiogen.cli import main

main()
