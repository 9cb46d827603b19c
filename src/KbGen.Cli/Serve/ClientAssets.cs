namespace KbGen.Cli.Serve;

/// <summary>The files the preview server itself serves under /__kbgen/. They are separate files
/// (not inline) so that the pages' Content-Security-Policy (script-src 'self'; style-src 'self')
/// allows them.</summary>
public static class ClientAssets
{
    public const string Prefix = "/__kbgen/";
    public const string EventsPath = "/__kbgen/events";
    public const string ReloadScriptPath = "/__kbgen/reload.js";
    public const string OverlayCssPath = "/__kbgen/overlay.css";
    public const string GenerationMeta = "kbgen-generation";

    /// <summary>Listens on the server-sent events channel. The page knows which build it came from
    /// (a meta tag the server injected); on connecting and after every rebuild the server sends
    /// the current build, and the page reloads when the two differ. An EventSource reconnects by
    /// itself, so a page also catches up with builds that finished while it was loading.</summary>
    public const string ReloadScript = """
        (function () {
          'use strict';
          var meta = document.querySelector('meta[name="kbgen-generation"]');
          var mine = meta ? meta.getAttribute('content') : '';
          if (!window.EventSource) return;
          var events = new EventSource('/__kbgen/events');
          function onBuild(e) {
            if (e.data && e.data !== mine) {
              events.close();
              window.location.reload();
            }
          }
          events.addEventListener('hello', onBuild);
          events.addEventListener('reload', onBuild);
          function wireClose() {
            var button = document.querySelector('.kbgen-overlay-close');
            var overlay = document.getElementById('kbgen-overlay');
            if (button && overlay) button.addEventListener('click', function () { overlay.hidden = true; });
          }
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireClose);
          else wireClose();
        })();

        """;

    public const string OverlayCss = """
        #kbgen-overlay {
          position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
          background: rgba(20, 20, 24, 0.82); color: #1b1b1f;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
          padding: 2rem 1rem;
        }
        #kbgen-overlay[hidden] { display: none; }
        .kbgen-overlay-panel {
          max-width: 60rem; margin: 0 auto; background: #fff; border-top: 6px solid #c62828;
          border-radius: 6px; padding: 1.25rem 1.5rem; box-shadow: 0 10px 40px rgba(0,0,0,.4);
        }
        .kbgen-overlay-panel h2 { margin: 0 0 .25rem; font-size: 1.3rem; color: #b71c1c; }
        .kbgen-overlay-note { margin: 0 0 1rem; color: #555; }
        .kbgen-overlay-close {
          float: right; font: inherit; border: 1px solid #bbb; background: #f5f5f5; border-radius: 4px;
          padding: .2rem .6rem; cursor: pointer;
        }
        .kbgen-diagnostics { list-style: none; margin: 0; padding: 0; }
        .kbgen-diagnostic { margin: 0 0 1.25rem; padding: 0 0 0 .75rem; border-left: 4px solid #c62828; }
        .kbgen-diagnostic.kbgen-warning { border-left-color: #ef8f00; }
        .kbgen-where { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
        .kbgen-severity { font-weight: 700; text-transform: uppercase; color: #b71c1c; }
        .kbgen-warning .kbgen-severity { color: #a65e00; }
        .kbgen-code { color: #555; }
        .kbgen-message { margin: .2rem 0 .5rem; font-weight: 600; white-space: pre-wrap; }
        .kbgen-source {
          margin: 0; padding: .5rem 0; background: #1e1e24; color: #e6e6e6; border-radius: 4px; overflow-x: auto;
          font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        }
        .kbgen-source code { display: block; }
        .kbgen-src-line { display: block; padding: 0 .75rem; white-space: pre; }
        .kbgen-src-line.kbgen-src-marked { background: #5c1f1f; color: #fff; }
        .kbgen-ln { display: inline-block; min-width: 3.5em; color: #8a8a96; user-select: none; }
        .kbgen-src-marked .kbgen-ln { color: #ffb4b4; }
        .kbgen-caret { display: block; padding: 0 .75rem; white-space: pre; color: #ff6b6b; font-weight: 700; }

        """;
}
