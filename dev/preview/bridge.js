/* TikFit preview: google.script.run over the local preview server (injected by dev/previewServer.ts). */
/* global window, fetch, setTimeout */
(function () {
  'use strict';

  /** Tells the page around the sidebar that a server call ended, so that it shows the sheet again. */
  function notifyParent(name) {
    if (window.parent === window) return;
    try {
      window.parent.postMessage({ type: 'tikfit-preview:ran', name: name }, window.location.origin);
    } catch (ignored) {
      void ignored;
    }
  }

  /** Calls a handler as Apps Script does: later, outside the request's promise chain. */
  function later(handler, value, userObject) {
    if (typeof handler !== 'function') return;
    setTimeout(function () {
      handler(value, userObject);
    }, 0);
  }

  function send(name, args, handlers) {
    var body;
    try {
      body = JSON.stringify({ name: name, args: args });
    } catch (error) {
      later(
        handlers.failure,
        new Error('Cannot send the arguments of ' + name + ': ' + error.message),
        handlers.userObject,
      );
      return;
    }
    fetch('/api/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body,
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, error: { message: 'The preview server answered HTTP ' + response.status } };
        });
      })
      .then(
        function (reply) {
          notifyParent(name);
          if (reply && reply.ok === true) {
            later(handlers.success, reply.value, handlers.userObject);
          } else {
            var message =
              reply && reply.error && typeof reply.error.message === 'string'
                ? reply.error.message
                : 'Server call failed';
            later(handlers.failure, new Error(message), handlers.userObject);
          }
        },
        function (error) {
          later(
            handlers.failure,
            new Error('NetworkError: ' + (error && error.message ? error.message : String(error))),
            handlers.userObject,
          );
        },
      );
  }

  /** A google.script.run runner: with…Handler return a new runner, any other name calls that server function. */
  function runner(handlers) {
    return new Proxy(
      {},
      {
        get: function (_target, property) {
          if (typeof property !== 'string' || property === 'then') return undefined;
          if (property === 'withSuccessHandler') {
            return function (handler) {
              return runner({ success: handler, failure: handlers.failure, userObject: handlers.userObject });
            };
          }
          if (property === 'withFailureHandler') {
            return function (handler) {
              return runner({ success: handlers.success, failure: handler, userObject: handlers.userObject });
            };
          }
          if (property === 'withUserObject') {
            return function (userObject) {
              return runner({ success: handlers.success, failure: handlers.failure, userObject: userObject });
            };
          }
          return function () {
            send(property, Array.prototype.slice.call(arguments), handlers);
          };
        },
      },
    );
  }

  window.google = {
    script: {
      run: runner({ success: undefined, failure: undefined, userObject: undefined }),
      host: {
        origin: window.location.origin,
        close: function () {
          if (window.parent !== window)
            window.parent.postMessage({ type: 'tikfit-preview:close' }, window.location.origin);
        },
        setHeight: function () {},
        setWidth: function () {},
        editor: { focus: function () {} },
      },
    },
  };
})();
