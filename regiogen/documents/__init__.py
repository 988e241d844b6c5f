"""Stage 5, documents: the document kinds and what each must contain.

Which kinds exist, which template and data each gets, which documents a region produces, the
required-section checks on the rendered Markdown, the handreiking (Markdown chapters with front
matter) and the traceability chain knelpunt → opgave → afspraak → resultaat → post.

May import: :mod:`regiogen.render`, :mod:`regiogen.rules`, :mod:`regiogen.model`,
:mod:`regiogen.source` and the shared modules.
"""
