"""The kernel client Voila uses to run an app, without the first-render hang of Voila 0.5.

Why this exists
---------------
Voila renders a page by running the notebook's cells with nbclient on the server. For every
cell, nbclient sends an ``execute_request`` on the kernel's *shell* channel and then waits,
with ``await socket.poll()``, for the ``execute_reply``. pyzmq's asyncio support wakes that
poll through the socket's *edge-triggered* file descriptor: the descriptor only becomes
readable when libzmq has new commands for the socket, and any libzmq call on the socket
(including a send) consumes that signal.

While a cell writes into an ``ipywidgets.Output`` widget, nbclient plays the part of the
front end and sends the captured outputs back to the kernel as a ``comm_msg``, on the same
shell socket, while the reply poll is pending. jupyter_client's ``Session.send`` writes through
a *blocking shadow* of the asyncio socket, so pyzmq's asyncio layer never learns that libzmq
just consumed the signal. When the ``execute_reply`` arrives in that window, the poll is never
woken: the reply sits in the socket, the kernel is idle, and the page spins forever (Voila
issue #1446; docs/architecture.md, known pitfalls). A task dump of a hung server shows exactly
that: the shell socket reports ``POLLIN`` with one pending poll future, and a single call to
its event handler finishes the render.

The fix
-------
:class:`RearmingChannel` reads ``zmq.EVENTS`` through the asyncio socket after every send.
pyzmq documents that read as the way to hand consumed events back to its event loop: when a
message is waiting for a pending poll, it schedules the handler that wakes the poll.
:class:`VoilaKernelClient` uses it for the channels that send. Both serving modes select it by
configuration: ``voila.json`` (standalone ``voila``) and ``binder/jupyter_server_config.json``
(the ``voila/render/`` server extension), with
``{"AsyncKernelManager": {"client_class": "aimkit.apps.kernel_client.VoilaKernelClient"}}``.
Only nbclient creates kernel clients in these servers, so nothing else changes.
``benchmarks/voila_cold_renders.py`` counts hangs in repeated cold renders with and without it.

Examples
--------
>>> from aimkit.apps.kernel_client import RearmingChannel, VoilaKernelClient
>>> VoilaKernelClient().shell_channel_class is RearmingChannel
True

Used in: voila.json, binder/jupyter_server_config.json (the apps in notebooks/apps/).
"""

from __future__ import annotations

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

CLIENT_CLASS = "aimkit.apps.kernel_client.VoilaKernelClient"
"""Dotted name for the ``AsyncKernelManager.client_class`` setting."""


class RearmingChannel(AsyncZMQSocketChannel):
    """An asyncio channel whose sends cannot swallow the wake-up of a pending receive.

    Examples
    --------
    >>> issubclass(RearmingChannel, AsyncZMQSocketChannel)
    True
    """

    def send(self, msg: dict) -> None:
        """Send a message, then hand any consumed socket events back to the event loop.

        Parameters
        ----------
        msg : dict
            A Jupyter message, as for :meth:`AsyncZMQSocketChannel.send`.

        Examples
        --------
        >>> RearmingChannel.send.__doc__.split(",")[0]
        'Send a message'
        """
        super().send(msg)
        # Session.send used a blocking shadow of self.socket; reading EVENTS through the
        # asyncio socket re-schedules its handler if a message is already waiting.
        self.socket.get(zmq.EVENTS)


class VoilaKernelClient(AsyncKernelClient):
    """The asyncio kernel client with :class:`RearmingChannel` for every channel that sends.

    Examples
    --------
    >>> VoilaKernelClient().control_channel_class.__name__
    'RearmingChannel'
    """

    shell_channel_class = Type(RearmingChannel)
    control_channel_class = Type(RearmingChannel)
    stdin_channel_class = Type(RearmingChannel)
