/* TikFit preview page: the add-on's menu, the sheets as a grid with tabs, and the sidebar beside them.
   Everything that comes from the spreadsheet or the add-on is put in as text (textContent), never as markup. */
/* global document, window, fetch, setTimeout, FileReader, URLSearchParams */
(function () {
  'use strict';

  var view = {
    /** A hidden sheet being looked at (hidden sheets are shown, never activated); null: follow the active sheet. */
    hiddenSheet: null,
    /** Toasts and alerts already shown (-1: not yet loaded, so the old ones are not replayed). */
    seenToasts: -1,
    seenAlerts: -1,
    seenSidebars: -1,
    /** The last state, and the number of the newest refresh asked for. */
    state: null,
    asked: 0,
    selected: null,
  };

  function byId(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setStatus(text, isError) {
    var status = byId('status');
    status.textContent = text;
    status.classList.toggle('error', isError === true);
  }

  function readJson(response) {
    return response.json().then(
      function (value) {
        if (!response.ok && value && value.error) throw new Error(value.error.message);
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return value;
      },
      function () {
        throw new Error('HTTP ' + response.status);
      },
    );
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then(readJson);
  }

  function columnLetter(column) {
    var letters = '';
    var n = column;
    while (n > 0) {
      var rem = (n - 1) % 26;
      letters = String.fromCharCode(65 + rem) + letters;
      n = Math.floor((n - 1) / 26);
    }
    return letters;
  }

  // ---------------------------------------------------------------- state

  function refresh() {
    var asked = ++view.asked;
    var query = view.hiddenSheet === null ? '' : '?' + new URLSearchParams({ sheet: view.hiddenSheet }).toString();
    return fetch('/api/state' + query, { credentials: 'same-origin' })
      .then(readJson)
      .then(function (state) {
        if (asked !== view.asked) return; // a newer refresh is on its way
        render(state);
      })
      .catch(function (error) {
        setStatus('Cannot reach the preview server: ' + error.message, true);
      });
  }

  function render(state) {
    view.state = state;
    if (view.hiddenSheet !== null && state.sheet.name !== view.hiddenSheet) view.hiddenSheet = null;
    byId('doc-title').textContent = state.spreadsheetName;
    document.title = 'TikFit preview · ' + state.source;
    renderMenu(state.menu);
    renderTabs(state);
    renderGrid(state.sheet, state.version);
    renderCharts(state.sheet);
    renderNotes(state.sheet);
    renderMessages(state);
  }

  // ---------------------------------------------------------------- menu

  var menuKey = '';

  function renderMenu(menu) {
    var key = JSON.stringify(menu);
    if (key === menuKey) return;
    menuKey = key;
    byId('menu-caption').textContent = menu.caption;
    var bar = byId('menu-items');
    clear(bar);
    appendItems(bar, menu.items);
  }

  function appendItems(bar, items) {
    items.forEach(function (item) {
      if (item.kind === 'separator') {
        bar.appendChild(el('span', 'menu-separator'));
      } else if (item.kind === 'subMenu') {
        bar.appendChild(el('span', 'menu-sub', item.caption + ' ›'));
        appendItems(bar, item.items);
      } else {
        var button = el('button', 'menu-item', item.caption);
        button.type = 'button';
        button.setAttribute('data-function', item.functionName);
        button.addEventListener('click', function () {
          runMenuItem(item, button);
        });
        bar.appendChild(button);
      }
    });
  }

  function setMenuDisabled(disabled) {
    Array.prototype.forEach.call(document.querySelectorAll('.menu-item'), function (button) {
      button.disabled = disabled;
    });
  }

  function runMenuItem(item, button) {
    setMenuDisabled(true);
    setStatus('Running ' + item.caption + '…');
    button.setAttribute('aria-busy', 'true');
    post('/api/run', { name: item.functionName, args: [] })
      .then(function (reply) {
        if (reply.ok) setStatus('');
        else setStatus(item.caption + ': ' + reply.error.message, true);
      })
      .catch(function (error) {
        setStatus(item.caption + ': ' + error.message, true);
      })
      .then(function () {
        button.removeAttribute('aria-busy');
        setMenuDisabled(false);
        return refresh();
      });
  }

  // ---------------------------------------------------------------- tabs

  function renderTabs(state) {
    var tabs = byId('tabs');
    clear(tabs);
    state.sheets.forEach(function (sheet) {
      var label = sheet.hidden ? sheet.name + ' (hidden)' : sheet.name;
      var tab = el('button', 'tab', label);
      tab.type = 'button';
      tab.setAttribute('data-sheet', sheet.name);
      if (sheet.hidden) tab.classList.add('hidden-sheet');
      if (sheet.name === state.sheet.name) {
        tab.classList.add('shown');
        tab.setAttribute('aria-current', 'page');
      }
      tab.addEventListener('click', function () {
        showSheet(sheet);
      });
      tabs.appendChild(tab);
    });
  }

  function showSheet(sheet) {
    view.selected = null;
    if (sheet.hidden) {
      view.hiddenSheet = sheet.name;
      refresh();
      return;
    }
    view.hiddenSheet = null;
    post('/api/activate', { sheet: sheet.name })
      .catch(function (error) {
        setStatus(error.message, true);
      })
      .then(refresh);
  }

  // ---------------------------------------------------------------- grid

  var NUMBER = /^[-+]?(\d[\d,]*)?(\.\d+)?(e[-+]?\d+)?%?$/i;

  function renderGrid(sheet, version) {
    var table = byId('grid');
    var wrap = byId('grid-wrap');
    var sameSheet = table.getAttribute('data-sheet') === sheet.name;
    var scrollTop = wrap.scrollTop;
    var scrollLeft = wrap.scrollLeft;
    clear(table);
    table.setAttribute('data-sheet', sheet.name);
    var columns = Math.max(sheet.columns, 1);
    var colgroup = el('colgroup');
    var total = 46;
    colgroup.appendChild(el('col')).style.width = '46px';
    for (var k = 0; k < columns; k++) {
      var width = sheet.columnWidths[k] || 100;
      total += width;
      colgroup.appendChild(el('col')).style.width = width + 'px';
    }
    table.appendChild(colgroup);
    table.style.width = total + 'px';
    var head = el('thead');
    var headRow = el('tr');
    headRow.appendChild(el('th', 'corner'));
    for (var c = 1; c <= columns; c++) headRow.appendChild(el('th', null, columnLetter(c)));
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el('tbody');
    if (sheet.cells.length === 0) {
      var row = el('tr');
      row.appendChild(el('th', null, '1'));
      var cell = el('td', 'empty-sheet', 'This sheet is empty.');
      row.appendChild(cell);
      body.appendChild(row);
    }
    sheet.cells.forEach(function (values, i) {
      var tr = el('tr');
      tr.appendChild(el('th', null, String(i + 1)));
      for (var j = 0; j < columns; j++) {
        var text = values[j] === undefined ? '' : values[j];
        var formula = sheet.formulas[i] ? sheet.formulas[i][j] : '';
        var td = el('td', 'cell');
        if (text === '' && formula) {
          td.textContent = formula;
          td.classList.add('formula-text');
        } else {
          td.textContent = text;
        }
        if (text !== '' && NUMBER.test(text)) td.classList.add('num');
        else if (td.textContent !== '' && isEmpty(sheet, i, j + 1)) td.classList.add('spill'); // text runs on over empty cells, as in Sheets
        if (sheet.bold[i] && sheet.bold[i][j]) td.classList.add('bold');
        var background = sheet.backgrounds[i] ? sheet.backgrounds[i][j] : null;
        if (background) td.style.backgroundColor = background;
        td.setAttribute('data-ref', columnLetter(j + 1) + (i + 1));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    openSpills(table);
    table.setAttribute('data-version', String(version));
    if (sameSheet) {
      wrap.scrollTop = scrollTop;
      wrap.scrollLeft = scrollLeft;
    } else {
      wrap.scrollTop = 0;
      wrap.scrollLeft = 0;
    }
    showSelected();
  }

  /** Takes away the grid lines that text running on over empty cells would be crossed by, as Sheets does. */
  function openSpills(table) {
    Array.prototype.forEach.call(table.querySelectorAll('td.spill'), function (td) {
      var need = td.scrollWidth;
      var reach = td.offsetWidth;
      var cell = td;
      while (need > reach && cell.nextElementSibling && cell.nextElementSibling.textContent === '') {
        cell.classList.add('open-right');
        cell = cell.nextElementSibling;
        reach += cell.offsetWidth;
      }
    });
  }

  function isEmpty(sheet, row, column) {
    var values = sheet.cells[row];
    var formulas = sheet.formulas[row];
    return (
      column < sheet.columns &&
      (values[column] === undefined || values[column] === '') &&
      !(formulas && formulas[column])
    );
  }

  function showSelected() {
    var state = view.state;
    var ref = view.selected;
    var td = ref === null ? null : byId('grid').querySelector('td[data-ref="' + ref.ref + '"]');
    if (td) td.classList.add('selected');
    byId('cell-ref').textContent = ref === null ? '' : ref.ref;
    if (ref === null || state === null) {
      byId('cell-content').textContent = '';
      return;
    }
    var formula = state.sheet.formulas[ref.row] ? state.sheet.formulas[ref.row][ref.column] : '';
    var value = state.sheet.cells[ref.row] ? state.sheet.cells[ref.row][ref.column] : '';
    byId('cell-content').textContent = formula || value || '';
  }

  function onGridClick(event) {
    var td = event.target.closest ? event.target.closest('td.cell') : null;
    if (!td) return;
    var previous = byId('grid').querySelector('td.selected');
    if (previous) previous.classList.remove('selected');
    var tr = td.parentNode;
    var row = Array.prototype.indexOf.call(tr.parentNode.children, tr);
    var column = Array.prototype.indexOf.call(tr.children, td) - 1;
    view.selected = { ref: td.getAttribute('data-ref'), row: row, column: column };
    showSelected();
  }

  function renderNotes(sheet) {
    var note = byId('sheet-note');
    clear(note);
    if (sheet.hidden)
      note.appendChild(
        el('div', null, '“' + sheet.name + '” is hidden: it is shown here for inspection, not activated.'),
      );
    if (sheet.truncated)
      note.appendChild(el('div', null, 'Showing the first ' + sheet.cells.length + ' of ' + sheet.rows + ' rows.'));
  }

  // ---------------------------------------------------------------- charts

  var drawnCharts = [];

  /**
   * Draws the sheet's embedded charts over the grid, as Sheets floats them: each at its anchor cell plus its offset,
   * at its size, covering the cells beneath (charts.js draws them with Chart.js from the add-on's own spec).
   */
  function renderCharts(sheet) {
    drawnCharts.forEach(function (chart) {
      chart.destroy();
    });
    drawnCharts = [];
    var layer = byId('chart-layer');
    clear(layer);
    if (!window.TikFitCharts) return;
    var table = byId('grid');
    sheet.charts.forEach(function (spec) {
      var anchor = table.querySelector('td[data-ref="' + columnLetter(spec.anchorColumn) + spec.anchorRow + '"]');
      var box = el('div', 'chart-box');
      box.setAttribute('data-anchor', columnLetter(spec.anchorColumn) + spec.anchorRow);
      box.setAttribute('aria-label', 'Chart' + (spec.options && spec.options.title ? ': ' + spec.options.title : ''));
      box.style.left = (anchor ? anchor.offsetLeft : 46) + spec.offsetX + 'px';
      box.style.top = (anchor ? anchor.offsetTop : 0) + spec.offsetY + 'px';
      box.style.width = spec.width + 'px';
      box.style.height = spec.height + 'px';
      layer.appendChild(box);
      try {
        drawnCharts.push(window.TikFitCharts.draw(box, spec));
      } catch (error) {
        box.textContent = 'This chart could not be drawn: ' + error.message;
      }
    });
  }

  // ---------------------------------------------------------------- toasts, alerts, sidebar

  function renderMessages(state) {
    if (view.seenToasts < 0) {
      view.seenToasts = state.toasts.length;
      view.seenAlerts = state.alerts.length;
      view.seenSidebars = state.sidebars.length;
      return;
    }
    state.toasts.slice(view.seenToasts).forEach(showToast);
    view.seenToasts = state.toasts.length;
    var alerts = state.alerts.slice(view.seenAlerts);
    view.seenAlerts = state.alerts.length;
    if (alerts.length > 0) showAlert(alerts[alerts.length - 1]);
    if (state.sidebars.length > view.seenSidebars) {
      var shown = state.sidebars[state.sidebars.length - 1];
      view.seenSidebars = state.sidebars.length;
      openSidebar(shown.title);
    }
  }

  function showToast(toast) {
    var box = el('div', 'toast');
    box.setAttribute('role', 'status');
    if (toast.title) box.appendChild(el('div', 'toast-title', toast.title));
    box.appendChild(el('div', 'toast-text', toast.message));
    byId('toasts').appendChild(box);
    var seconds = toast.timeoutSeconds > 0 ? Math.min(toast.timeoutSeconds, 10) : 5;
    setTimeout(function () {
      if (box.parentNode) box.parentNode.removeChild(box);
    }, seconds * 1000);
  }

  function showAlert(alert) {
    byId('alert-title').textContent = alert.title;
    byId('alert-text').textContent = alert.prompt;
    byId('alert').hidden = false;
    byId('alert-ok').focus();
  }

  function openSidebar(title) {
    byId('sidebar-title').textContent = title || 'TikFit';
    byId('sidebar-pane').hidden = false;
    byId('sidebar').src = '/sidebar.html';
  }

  // ---------------------------------------------------------------- loading a file

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return window.btoa(binary);
  }

  function loadFile(file) {
    var isXlsx = /\.xlsx$/i.test(file.name);
    var reader = new FileReader();
    setStatus('Loading ' + file.name + '…');
    reader.onerror = function () {
      setStatus('Cannot read ' + file.name, true);
    };
    reader.onload = function () {
      var body = isXlsx
        ? { format: 'xlsx', name: file.name, base64: toBase64(reader.result) }
        : { format: 'csv', name: file.name, text: reader.result };
      post('/api/load', body)
        .then(function () {
          setStatus('Loaded ' + file.name);
          view.hiddenSheet = null;
          view.selected = null;
          view.seenToasts = -1;
          openSidebar('TikFit');
          return refresh();
        })
        .catch(function (error) {
          setStatus(error.message, true);
        });
    };
    if (isXlsx) reader.readAsArrayBuffer(file);
    else reader.readAsText(file);
  }

  // ---------------------------------------------------------------- start

  function start() {
    byId('grid').addEventListener('click', onGridClick);
    byId('sidebar-close').addEventListener('click', function () {
      byId('sidebar-pane').hidden = true;
    });
    byId('alert-ok').addEventListener('click', function () {
      byId('alert').hidden = true;
    });
    byId('load-file').addEventListener('change', function (event) {
      var file = event.target.files && event.target.files[0];
      if (file) loadFile(file);
      event.target.value = '';
    });
    // The sidebar's google.script.run bridge says when a server call ended: show the sheet as it is now.
    window.addEventListener('message', function (event) {
      if (event.origin !== window.location.origin || event.source !== byId('sidebar').contentWindow) return;
      var data = event.data;
      if (!data || typeof data.type !== 'string') return;
      if (data.type === 'tikfit-preview:ran') refresh();
      else if (data.type === 'tikfit-preview:close') byId('sidebar-pane').hidden = true;
    });
    refresh();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
