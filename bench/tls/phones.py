#!/usr/bin/env python3
"""Idle TLS phones (issue 23): N phones each open their own TLS connection, REGISTER with digest
(RFC 3261 §22, qop=auth) and then stay connected without traffic. Prints what the server process
holds (threads, file descriptors, resident memory, heap after a full GC) before, with the phones
connected, and after they have gone. Bounded: N connections, each with a 10 s timeout; 127.0.0.1 only.

usage: phones.py PID SIP_TLS_PORT DOMAIN USERS PASSWORD_PREFIX N"""
import hashlib, os, re, socket, ssl, subprocess, sys, time, uuid

pid, port, domain, users, pw_prefix, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE  # the appliance's self-signed certificate; the bench measures, it does not trust


def server_figures(label):
    subprocess.run(["jcmd", pid, "GC.run"], capture_output=True, timeout=60)
    time.sleep(1)
    status = open(f"/proc/{pid}/status").read()
    threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
    rss_mb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    info = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    used = sum(int(m) for m in re.findall(r"^\s*(?:PSYoungGen|ParOldGen|garbage-first heap)\s.*?used (\d+)K", info, re.M)) / 1024
    print(f"{label:<28} threads={threads:5d} fds={fds:6d} rss={rss_mb:8.1f} MB heap_used_after_gc={used:7.1f} MB", flush=True)
    return threads, fds, rss_mb, used


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return int(head.split(" ", 2)[1]), head


def register(s, user, local_port, i, auth=None, cseq=1, call_id=None):
    branch = "z9hG4bK" + uuid.uuid4().hex[:16]
    contact = f"<sip:{user}@127.0.0.1:{local_port};transport=tls>"
    msg = (f"REGISTER sip:{domain} SIP/2.0\r\n"
           f"Via: SIP/2.0/TLS 127.0.0.1:{local_port};branch={branch};rport\r\n"
           f"Max-Forwards: 70\r\nFrom: <sip:{user}@{domain}>;tag=t{i}\r\nTo: <sip:{user}@{domain}>\r\n"
           f"Call-ID: {call_id}\r\nCSeq: {cseq} REGISTER\r\nContact: {contact}\r\nExpires: 3600\r\n"
           f"User-Agent: tandem-bench-idle-phone\r\n" + (f"Authorization: {auth}\r\n" if auth else "") +
           "Content-Length: 0\r\n\r\n")
    s.sendall(msg.encode())
    return read_response(s)


def answer(challenge, user, password):
    p = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge.split(" ", 1)[1]))
    uri = f"sip:{domain}"
    h = lambda x: hashlib.md5(x.encode()).hexdigest()
    ha1, ha2, cnonce = h(f"{user}:{p['realm']}:{password}"), h(f"REGISTER:{uri}"), uuid.uuid4().hex[:8]
    resp = h(f"{ha1}:{p['nonce']}:00000001:{cnonce}:auth:{ha2}")
    return (f'Digest username="{user}", realm="{p["realm"]}", nonce="{p["nonce"]}", uri="{uri}", '
            f'response="{resp}", algorithm=MD5, qop=auth, nc=00000001, cnonce="{cnonce}"')


before = server_figures("before (no phones)")
phones, started = [], time.time()
failures = 0
for i in range(n):
    user = str(3000 + i % users)
    try:
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        s = ctx.wrap_socket(raw)
        local_port = s.getsockname()[1]
        call_id = f"idle-{i}-{uuid.uuid4().hex[:8]}"
        code, head = register(s, user, local_port, i, call_id=call_id)
        if code == 401:
            challenge = re.search(r"^WWW-Authenticate: (.*)$", head, re.M | re.I).group(1)
            code, head = register(s, user, local_port, i, answer(challenge, user, pw_prefix + user), 2, call_id)
        if code != 200:
            failures += 1
        phones.append(s)
    except (OSError, ConnectionError, AttributeError) as e:
        failures += 1
print(f"{len(phones)} TLS phones connected and registered in {time.time() - started:.1f} s, {failures} failed", flush=True)
time.sleep(5)
held = server_figures(f"with {len(phones)} idle phones")
for s in phones:
    s.close()
time.sleep(5)
after = server_figures("after they left")
k = max(1, len(phones))
print(f"per idle TLS phone: threads {(held[0] - before[0]) / k:+.3f}, fds {(held[1] - before[1]) / k:+.2f}, "
      f"rss {(held[2] - before[2]) * 1024 / k:+.1f} KB, heap {(held[3] - before[3]) * 1024 / k:+.1f} KB")
sys.exit(1 if failures > n // 200 else 0)
