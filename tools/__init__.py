"""Maintainers' tools that publish the course: the static course site and the handouts.

They are not part of ``aimkit`` (students never import them) and run from the repository's
root as modules: ``python -m tools.site`` and ``python -m tools.handouts``.
"""
