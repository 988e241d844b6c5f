"""Run regiogen as ``python -m regiogen``."""

from regiogen.cli.main import main

main()
