// Opens a page of a folder handed to a family with a passphrase (`trinvis udlever`): the key
// is made from the passphrase with PBKDF2-HMAC-SHA256 and the page, its PDF and its pictures
// are opened with AES-256-GCM, all by the browser's own WebCrypto. Each item is bound (its
// associated data) to what it is, the page it belongs to, its path, the salt and the rounds;
// the page must stand where its sealed path says, so a page's sealed data pasted into
// another page does not open. Nothing made from the passphrase is kept: not in storage, not
// in the address.
(function () {
  "use strict";
  var form = document.getElementById("unlock");
  var data = document.getElementById("sealed");
  if (!form || !data) return;
  var sealed = JSON.parse(data.textContent);
  var pw = document.getElementById("pw");
  var msg = document.getElementById("msg");
  form.hidden = false;
  pw.focus();

  function bytes(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // As src/seal/crypt.rs `associated` makes it.
  function associated(kind, path) {
    return new TextEncoder().encode(
      ["trinvis-udlevering/" + sealed.v, kind, sealed.page.path, path, sealed.salt, String(sealed.iterations)].join("\n")
    );
  }

  function open(key, kind, item) {
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(item.nonce), additionalData: associated(kind, item.path) },
      key,
      bytes(item.data)
    );
  }

  // The page stands where its sealed path says (a folder's index may be asked for as "/").
  function inPlace() {
    var here = decodeURIComponent(location.pathname).replace(/\\/g, "/");
    if (here.slice(-1) === "/") here += "index.html";
    var want = sealed.page.path;
    return here === want || here.slice(-(want.length + 1)) === "/" + want;
  }

  function dataUrl(buf, type) {
    var b = new Uint8Array(buf);
    var s = "";
    for (var i = 0; i < b.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
    }
    return "data:" + type + ";base64," + btoa(s);
  }

  // The page's PDF becomes a download, its pictures are put in place.
  function offer(files) {
    files.forEach(function (f) {
      var name = f.href.split("/").pop();
      Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
        if (a.getAttribute("href") !== f.href) return;
        a.href = URL.createObjectURL(new Blob([f.bytes], { type: f.type }));
        a.setAttribute("download", name);
      });
      Array.prototype.forEach.call(document.querySelectorAll("img[src]"), function (img) {
        if (img.getAttribute("src") === f.href) img.src = dataUrl(f.bytes, f.type);
      });
    });
  }

  function show(html, files) {
    document.open();
    document.write(html);
    document.close();
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { offer(files); });
    } else {
      offer(files);
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (sealed.v !== 2 || !inPlace()) {
      msg.textContent = form.getAttribute("data-moved");
      return;
    }
    msg.textContent = form.getAttribute("data-working");
    var pass = new TextEncoder().encode(pw.value);
    crypto.subtle.importKey("raw", pass, "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", salt: bytes(sealed.salt), iterations: sealed.iterations, hash: "SHA-256" },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["decrypt"]
        );
      })
      .then(function (key) {
        return Promise.all([open(key, "side", sealed.page)].concat(sealed.files.map(function (f) { return open(key, "fil", f); })));
      })
      .then(function (parts) {
        pw.value = "";
        var files = sealed.files.map(function (f, i) {
          return { href: f.href, type: f.type, bytes: parts[i + 1] };
        });
        show(new TextDecoder().decode(parts[0]), files);
      }, function () {
        msg.textContent = form.getAttribute("data-wrong");
        pw.select();
      });
  });
})();
