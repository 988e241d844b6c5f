"""Stage 6, build: one project's regions × document kinds → files in the output folder.

Planning a build, one region through the pipeline, the incremental state and manifest, safe
output (atomic replace, nothing outside the output folder), ``verify``, ``watch``, the
``preview`` server, the project-wide variables of the handreiking and the editor schemas.

May import every earlier stage (documents, render, rules, model, source) and the shared
modules; never :mod:`regiogen.cli`.
"""
