// What the apps' page adds to Voila's for a room (aimkit/apps/page_template.py explains why).
// Texts in Dutch and English; the language follows the app's NL/EN switch (Dutch by default).
window.aimkitRoom = (function () {
  "use strict";
  const TEXT = {
    nl: {
      starting: "De app start",
      step: (i, n) => `stap ${i} van ${n}`,
      waited: (s) => `${s} s`,
      patience: "Met een volle zaal kan dit een minuut duren.",
      ended: "Deze sessie is gestopt: de server heeft de app na een tijd zonder gebruik " +
             "afgesloten, of de app liep vast. Herlaad de pagina om opnieuw te beginnen.",
      reload: "Pagina herladen",
      tooBig: (name, size, limit) => `${name} is ${size} MB: te groot (de app neemt bestanden ` +
             `tot ${limit} MB). Exporteer minder kolommen of een kortere periode en probeer opnieuw.`,
      close: "Sluiten",
    },
    en: {
      starting: "The app is starting",
      step: (i, n) => `step ${i} of ${n}`,
      waited: (s) => `${s} s`,
      patience: "With a full room this can take a minute.",
      ended: "This session has stopped: the server closed the app after a while without use, " +
             "or the app crashed. Reload the page to start again.",
      reload: "Reload page",
      tooBig: (name, size, limit) => `${name} is ${size} MB: too large (the app takes files ` +
             `up to ${limit} MB). Export fewer columns or a shorter period and try again.`,
      close: "Close",
    },
  };
  const MB = 1024 * 1024;
  const started = Date.now();
  let step = "";

  // The language the user chose with the app's NL / EN switch; Dutch until the app is there.
  function language() {
    const active = document.querySelector(
      ".aimkit-language-toggle .widget-toggle-button.mod-active");
    return active && active.textContent.trim() === "EN" ? "en" : "nl";
  }

  function megabytes(bytes, lang) {
    return (bytes / MB).toLocaleString(lang === "nl" ? "nl-BE" : "en-GB",
                                       {maximumFractionDigits: 1});
  }

  // A message fixed on top of the page; `action` is an optional [label, handler] button.
  function notice(kind, message, action) {
    const old = document.querySelector(`.aimkit-room-notice[data-kind="${kind}"]`);
    if (old) old.remove();
    const box = document.createElement("div");
    box.className = "aimkit-room-notice";
    box.dataset.kind = kind;
    box.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = message;
    box.appendChild(text);
    if (action) {
      const button = document.createElement("button");
      button.textContent = action[0];
      button.addEventListener("click", action[1]);
      box.appendChild(button);
    }
    document.body.appendChild(box);
    return box;
  }

  // Waiting page: Voila calls this before each cell; a timer shows the seconds waited.
  function progress(index, count) {
    step = [index, count];
    showWaiting();
  }

  function showWaiting() {
    const el = document.getElementById("loading_text");
    if (!el) return false;
    const seconds = Math.round((Date.now() - started) / 1000);
    const line = (t) => `${t.starting}${step ? " · " + t.step(...step) : ""} · ` +
                        `${t.waited(seconds)}`;
    el.innerHTML = "";
    for (const [lang, tag] of [["nl", "span"], ["en", "i"]]) {
      const part = document.createElement(tag);
      part.lang = lang;
      part.textContent = line(TEXT[lang]) + (seconds >= 10 ? ". " + TEXT[lang].patience : "");
      el.appendChild(part);
    }
    return true;
  }

  // The page's kernel is gone (shut down, culled, died): say so and offer a reload.
  let ended = false;
  function sessionEnded() {
    if (ended) return;
    ended = true;
    const t = TEXT[language()];
    notice("ended", t.ended, [t.reload, () => window.location.reload()]);
  }

  function config() {
    const el = document.getElementById("jupyter-config-data");
    return el ? JSON.parse(el.textContent) : {};
  }

  // Ask the server whether the page's kernel still exists (404 once it was shut down).
  async function checkKernel() {
    const {baseUrl, kernelId} = config();
    if (!kernelId || ended) return;
    try {
      const reply = await fetch(`${baseUrl}api/kernels/${kernelId}`, {cache: "no-store"});
      if (reply.status === 404) sessionEnded();
    } catch (error) {
      // the server itself is unreachable (laptop asleep, Wi-Fi): the next check tells
    }
  }

  // The kernel status in a websocket message ("restarting"/"dead" when the kernel died),
  // in either of Jupyter's websocket protocols (JSON text, or v1 binary frames).
  function statusOf(data) {
    if (typeof data === "string") {
      const msg = JSON.parse(data);
      return msg.header.msg_type === "status" ? msg.content.execution_state : null;
    }
    const view = new DataView(data);
    const count = Number(view.getBigUint64(0, true));
    const offsets = [];
    for (let i = 1; i <= count; i++) offsets.push(Number(view.getBigUint64(8 * i, true)));
    const part = (i) => new TextDecoder().decode(data.slice(offsets[i], offsets[i + 1]));
    if (part(0) !== "iopub" || JSON.parse(part(1)).msg_type !== "status") return null;
    return JSON.parse(part(4)).execution_state;
  }

  function watchKernelSockets() {
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url, protocols) {
        super(url, protocols);
        if (!/\/api\/kernels\/[^/]+\/channels/.test(String(url))) return;
        this.addEventListener("message", (event) => {
          try {
            const status = statusOf(event.data);
            if (status === "restarting" || status === "autorestarting" || status === "dead") {
              sessionEnded();  // a restarted kernel has lost the app: the page is dead
            }
          } catch (error) {
            console.warn("aimkit: unreadable kernel message", error);
          }
        });
        this.addEventListener("close", () => setTimeout(checkKernel, 1000));
      }
    };
  }

  // ipywidgets' FileUpload sends the whole file in one websocket message, which the server
  // drops without a word above its websocket_max_message_size. Check the size first.
  function checkUploadSizes(limitMb) {
    const nativeClick = HTMLInputElement.prototype.click;
    HTMLInputElement.prototype.click = function () {
      if (this.type === "file" && !this.dataset.aimkitLimit) {
        this.dataset.aimkitLimit = String(limitMb);
        // a capturing listener on the input runs before the widget's own listener
        this.addEventListener("change", (event) => {
          const tooBig = Array.from(this.files || []).find((file) => file.size > limitMb * MB);
          if (!tooBig) return;
          event.stopImmediatePropagation();
          this.value = "";
          const lang = language();
          const t = TEXT[lang];
          const box = notice("upload", t.tooBig(tooBig.name, megabytes(tooBig.size, lang),
                                                 megabytes(limitMb * MB, lang)),
                             [t.close, () => box.remove()]);
        }, {capture: true});
      }
      return nativeClick.call(this);
    };
  }

  // Voila's page shuts its kernel down as the page unloads, with a POST that needs an _xsrf
  // cookie, which Voila's render never sets (voila issue #1458): each closed tab would leave its
  // kernel to the culler. Tornado compares the cookie with the POSTed copy, so our own random
  // token (double-submit) lets the shutdown through.
  function ensureXsrfCookie() {
    if (/(^|;\s*)_xsrf=/.test(document.cookie)) return;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    document.cookie = `_xsrf=${token}; path=/; SameSite=Strict`;
  }

  function start(uploadLimitMb) {
    ensureXsrfCookie();
    watchKernelSockets();
    if (uploadLimitMb > 0) checkUploadSizes(uploadLimitMb);
    const timer = setInterval(() => { if (!showWaiting() && document.getElementById(
      "rendered_cells")) clearInterval(timer); }, 1000);
    setInterval(checkKernel, 30000);
  }

  return {start, progress, language, notice};
})();
