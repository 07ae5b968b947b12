"""The kernel manager that serves the apps to a room: a ceiling on kernels, and idle pages freed.

Why this exists
---------------
Every visit of a Voila page starts a Python kernel (about 130 MB) that lives as long as the
server, unless something shuts it down. In a workshop room that adds up: 25 participants,
two apps each, some reloads and a closed laptop lid, and the trainer's laptop runs out of
memory. Jupyter's stock culler (``MappingKernelManager.cull_idle_timeout``) shuts kernels
down after some minutes without activity, but with a single timeout: either pages that are
merely open but unused (someone reading, a coffee break) are stopped as fast as closed ones,
or closed pages wait as long as open ones.

:class:`RoomKernelManager` adds two settings to Jupyter's kernel manager:

``max_kernels``
    A ceiling on live kernels (0: none). A visit above it gets HTTP 503, which the apps'
    page template (``aimkit/apps/jupyter_data``) shows as a friendly "too busy, try again
    in a minute" page instead of a slow or crashed server for everybody.
``cull_connected_idle_timeout``
    Seconds without activity after which a kernel is shut down even while its page is open
    (0: never). ``cull_idle_timeout`` keeps its meaning for kernels without an open page
    (closed tabs, plain HTTP requests), so those can go within minutes while open pages get
    longer. The page then says that the session stopped and offers a reload.

Both serving modes select it by configuration: ``voila.json`` for standalone ``voila``
(``VoilaConfiguration.multi_kernel_manager_class``) and ``binder/jupyter_server_config.json``
for the ``voila/render/`` server extension (``ServerApp.kernel_manager_class``).

Importing this module also makes the apps' page template findable
(:func:`aimkit.apps.page_template.add_to_jupyter_path`). Voila looks templates up only in
Jupyter's data directories, and this import is the one piece of our code that both serving
modes run before they look: the settings above name this class, and Voila and Jupyter import
a class named in their configuration while they read it, before Voila collects its templates
(``voila.json``, read from the working directory in both modes, names it too).

Examples
--------
>>> manager = RoomKernelManager(max_kernels=2)
>>> manager.max_kernels, manager.cull_connected_idle_timeout
(2, 0)

Used in: voila.json, binder/jupyter_server_config.json (the apps in notebooks/apps/).
"""

from __future__ import annotations

from datetime import timedelta

from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

from aimkit.apps import page_template

page_template.add_to_jupyter_path()

CLASS = "aimkit.apps.kernel_manager.RoomKernelManager"
"""Dotted name for the ``multi_kernel_manager_class`` / ``kernel_manager_class`` settings."""

TOO_BUSY = "Too many visitors"
"""HTTP reason phrase of the 503 answer above the ceiling (the page shows its own text)."""


class RoomKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with a ceiling on kernels and a culler for open idle pages.

    Examples
    --------
    >>> RoomKernelManager().kernels_in_use()
    0
    """

    max_kernels = Integer(
        0, config=True,
        help="Most kernels alive (or starting) at once; a visit above it gets HTTP 503. 0: none.")
    cull_connected_idle_timeout = Integer(
        0, config=True,
        help="Seconds without activity after which a kernel is shut down even with a page "
             "connected (checked every cull_interval; needs cull_idle_timeout > 0). 0: never.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0

    def kernels_in_use(self) -> int:
        """Kernels alive plus kernels being started right now.

        Examples
        --------
        >>> RoomKernelManager().kernels_in_use()
        0
        """
        return len(self) + self._starting

    async def start_kernel(self, **kwargs) -> str:
        """Start a kernel, or answer HTTP 503 when ``max_kernels`` are in use.

        Parameters
        ----------
        **kwargs
            As for :meth:`AsyncMappingKernelManager.start_kernel`.

        Returns
        -------
        str
            The new kernel's id.

        Raises
        ------
        tornado.web.HTTPError
            Status 503 above the ceiling.

        Examples
        --------
        >>> import asyncio
        >>> full = RoomKernelManager(max_kernels=1)
        >>> full._starting = 1  # as while a first visitor's kernel starts
        >>> asyncio.run(full.start_kernel(kernel_name="python3"))
        Traceback (most recent call last):
        ...
        tornado.web.HTTPError: HTTP 503: Too many visitors (1 kernels in use, ceiling 1)
        """
        if self.max_kernels and self.kernels_in_use() >= self.max_kernels:
            self.log.warning("Refusing a kernel: %d in use, ceiling %d",
                             self.kernels_in_use(), self.max_kernels)
            raise web.HTTPError(503, "%d kernels in use, ceiling %d", self.kernels_in_use(),
                                self.max_kernels, reason=TOO_BUSY)
        self._starting += 1
        try:
            return await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Cull as Jupyter does, then also an open page's kernel idle too long.

        Parameters
        ----------
        kernel_id : str
            The kernel to check.

        Examples
        --------
        >>> RoomKernelManager.cull_kernel_if_idle.__doc__.split(",")[0]
        'Cull as Jupyter does'
        """
        await super().cull_kernel_if_idle(kernel_id)
        if not self.cull_connected_idle_timeout or kernel_id not in self:
            return
        kernel = self.get_kernel(kernel_id)
        idle = utcnow() - getattr(kernel, "last_activity", utcnow())
        if (kernel.execution_state != "busy"
                and idle > timedelta(seconds=self.cull_connected_idle_timeout)):
            self.log.warning("Culling kernel %s with an open page after %d s of inactivity",
                             kernel_id, idle.total_seconds())
            await ensure_async(self.shutdown_kernel(kernel_id))
