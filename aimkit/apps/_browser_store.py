"""Keep a text in the browser's ``localStorage``, so an app's state survives a page reload.

Voila starts a fresh kernel for every page load, so everything the kernel holds is lost on a
reload. This bridge keeps a copy in the browser with two standard widgets and no extra
package:

- kernel → browser: an ``HTML`` widget whose content is a tiny image that fails to load on
  purpose; its ``onerror`` handler runs in the page (``<script>`` tags do not run when
  widgets set HTML, event handlers do) and writes or removes the stored text;
- browser → kernel: when the page shows the widget, the same kind of handler reads the
  stored text and types it into a hidden ``Textarea``, whose value the widget sends back to
  the kernel like any typed text; :attr:`BrowserStore.on_restore` receives it.

The stored text travels base64-encoded inside the handler, so no quote or markup in it can
break out. Nothing leaves the participant's browser: ``localStorage`` belongs to the page's
address (the trainer's server or Binder) on that device only.

Used in: the data-maturity scan app (:func:`aimkit.apps.maturity_scan`).
"""

from __future__ import annotations

import base64
import html

import ipywidgets as widgets

_FAIL = 'src="data:image/gif;base64,AA=="'  # an image that cannot load: onerror runs

_RESTORE = """(function (img) {{
  var tries = 0;
  (function send() {{
    var box = img.closest('.aimkit-store'), area = box && box.querySelector('textarea');
    if (!area) {{ if (tries++ < 100) setTimeout(send, 100); return; }}
    var text = window.localStorage.getItem('{key}');
    if (text === null) return;
    area.value = text;
    area.dispatchEvent(new Event('input', {{bubbles: true}}));
  }})();
}})(this)"""

_WRITE = ("window.localStorage.setItem('{key}', new TextDecoder().decode(Uint8Array.from("
          "atob('{data}'), function (c) {{ return c.charCodeAt(0); }})))")

_REMOVE = "window.localStorage.removeItem('{key}')"


class BrowserStore:
    """One ``localStorage`` entry, written from the kernel and read back after a reload.

    Parameters
    ----------
    key : str
        The storage key (letters, digits, ``-`` and ``_``).

    Attributes
    ----------
    widget : ipywidgets.Box
        Display it once in the app (it takes no space).
    on_restore : callable or None
        Called with the stored text when the page shows the app and the browser holds one.

    Examples
    --------
    >>> store = BrowserStore("start2aim-example")
    >>> store.save('{"answers": {}}')
    >>> "localStorage.setItem('start2aim-example'" in store.script.value
    True
    >>> restored = []
    >>> store.on_restore = restored.append
    >>> store.inbox.value = '{"answers": {"quality_checks": 2}}'  # what the page sends
    >>> restored
    ['{"answers": {"quality_checks": 2}}']
    """

    def __init__(self, key: str):
        if not key.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"a storage key is letters, digits, - and _; got {key!r}")
        self.key = key
        self.on_restore = None
        self._writes = 0
        self.inbox = widgets.Textarea(layout=widgets.Layout(display="none"))
        self.inbox.observe(self._received, "value")
        self.script = widgets.HTML(self._handler(_RESTORE.format(key=key)))
        self.widget = widgets.Box([self.inbox, self.script],
                                  layout=widgets.Layout(height="0", overflow="hidden"))
        self.widget.add_class("aimkit-store")

    def _handler(self, code: str) -> str:
        self._writes += 1  # a new value each time, so the page renders (and runs) it again
        attribute = html.escape(code, quote=False).replace('"', "&quot;")
        return f'<img alt="" hidden data-write="{self._writes}" {_FAIL} onerror="{attribute}">'

    def save(self, text: str) -> None:
        """Store ``text`` in the browser (replacing what was stored)."""
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self.script.value = self._handler(_WRITE.format(key=self.key, data=data))

    def clear(self) -> None:
        """Remove the stored text from the browser."""
        self.script.value = self._handler(_REMOVE.format(key=self.key))

    def _received(self, change) -> None:
        if change["new"] and self.on_restore is not None:
            self.on_restore(change["new"])
