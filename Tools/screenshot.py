#!/usr/bin/env python3
"""Screenshots of Fazhi pages as a signed-in user sees them, through a real Chromium.

Drives headless Chromium over the DevTools protocol: signs in through the login form (and the TOTP step when
--totp-secret is given), then saves one PNG per path. Needs Debian's chromium and fonts-noto-cjk, and
`pip install websocket-client`.

    python3 Tools/screenshot.py --base http://127.0.0.1:8080 --user legal --password XXXX --out /tmp/shots / /calendar
"""
import argparse, base64, hashlib, hmac, json, os, shutil, struct, subprocess, sys, tempfile, time, urllib.request

import websocket  # websocket-client


def totp(secret_b32, at=None):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="fazhi-chromium-")
        self.port = 9300 + os.getpid() % 500
        self.proc = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={self.port}",
             f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def wait_loaded(self):
        time.sleep(0.3)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)

    def goto(self, url):
        self.call("Page.navigate", url=url)
        self.wait_loaded()

    def submit(self, fields):
        script = "".join(f"document.querySelector('[name={name}]').value = {json.dumps(value)};" for name, value in fields.items())
        self.evaluate(script + "document.querySelector('main form button[type=submit]').click();")
        self.wait_loaded()

    def screenshot(self, path, full_page):
        params = {"format": "png"}
        if full_page:
            metrics = self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--totp-secret", help="Base32 secret of an enrolled account")
    parser.add_argument("--enrol", action="store_true", help="complete TOTP enrolment if asked; prints the secret")
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="capture the whole page, not only the window")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    browser = Browser(args.width, args.height)
    try:
        if args.user:
            browser.goto(args.base + "/login")
            browser.submit({"username": args.user, "password": args.password})
            location = browser.evaluate("location.pathname")
            if location == "/account/totp" and args.enrol:
                secret = browser.evaluate("document.querySelector('code.secret').textContent.replace(/ /g, '')")
                print("TOTP secret:", secret)
                browser.submit({"code": totp(secret)})
            elif location == "/login/totp":
                browser.submit({"code": totp(args.totp_secret)})
            print("signed in; now at", browser.evaluate("location.pathname"), "cookie:",
                  browser.call("Network.getCookies", urls=[args.base]).get("cookies", [{}])[0].get("name"))
        for index, path in enumerate(args.paths):
            browser.goto(args.base + path)
            name = f"{index:02d}-" + (path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home") + ".png"
            browser.screenshot(os.path.join(args.out, name), args.full)
            print("saved", os.path.join(args.out, name), browser.evaluate("document.title"))
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
