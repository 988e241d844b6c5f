"""regiogen: drafts of IZA documents from structured YAML, with checks on the IZA rules."""

__version__ = "0.1.0"
