#!/usr/bin/env bash
# Security scan of a running Tandem (issue 22): every TLS port offers no protocol below TLS 1.2 and, in TLS 1.2,
# only ECDHE key exchange with AEAD ciphers; the web UI sends its security headers; the built jar (its SBOM,
# else its libraries) has no dependency on the list of known-vulnerable versions (scripts/cve-check.sh). Bounded: each probe has a
# timeout, a port takes about 10 s.
#
#   scripts/scan.sh --tls 127.0.0.1:5061 --tls 127.0.0.1:8443 --headers https://127.0.0.1:8443/login
#   scripts/scan.sh ... --hsts              # also require Strict-Transport-Security (a real certificate is installed)
#   scripts/scan.sh ... --sbom appliance/target/tandem.jar     # or a CycloneDX JSON
#   scripts/scan.sh --sip 127.0.0.1:5060 --sip-extensions 100-250   # sipvicious svmap + svwar (no enumeration)
#   scripts/scan.sh --sip 127.0.0.1:5060 --sip-crack 201 --sip-dictionary words.txt
#       # sipvicious svcrack against one extension: nothing may be found. It BANS the scanning address (that is what
#       # it checks), so run it from a host you can lift the ban for, or last: DELETE /api/v1/bans/<address>
#
# SIP (sipvicious, Debian package sipvicious; every run bounded by timeout and --maximumtime):
#   svmap  finds the server and must see no product or version in its answer (User-Agent/Server);
#   svwar  (REGISTER, INVITE, OPTIONS over the given range) must find no extension: the appliance answers a request
#          for an existing user exactly as one for a user that does not exist (no user enumeration);
#   svcrack must find no password: the brute-force ban stops it (put the real password late in the dictionary to
#          prove that it is the ban, not the dictionary).
#
# Exit 0: all checks passed; 1: a finding (each printed as "FAIL ..."); 2: a tool is missing or the usage is wrong.
# TLS is scanned with sslscan (Debian package sslscan), else with openssl s_client probes.
set -uo pipefail

tls=() headers=() sbom="" hsts=0 sip="" sip_extensions="" sip_crack="" sip_dictionary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tls) tls+=("$2"); shift 2 ;;
    --headers) headers+=("$2"); shift 2 ;;
    --sbom) sbom="$2"; shift 2 ;;
    --hsts) hsts=1; shift ;;
    --sip) sip="$2"; shift 2 ;;
    --sip-extensions) sip_extensions="$2"; shift 2 ;;
    --sip-crack) sip_crack="$2"; shift 2 ;;
    --sip-dictionary) sip_dictionary="$2"; shift 2 ;;
    *) echo "scan.sh: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ ${#tls[@]} -eq 0 ] && [ ${#headers[@]} -eq 0 ] && [ -z "$sbom" ] && [ -z "$sip" ]; then
  echo "scan.sh: nothing to scan: give --tls host:port, --headers URL, --sip host:port and/or --sbom FILE" >&2
  exit 2
fi
if [ -n "$sip" ]; then
  if [ -z "$sip_extensions" ] && [ -z "$sip_crack" ]; then
    echo "scan.sh: --sip needs --sip-extensions RANGE and/or --sip-crack EXTENSION" >&2; exit 2
  fi
  if [ -n "$sip_crack" ] && [ ! -r "$sip_dictionary" ]; then
    echo "scan.sh: --sip-crack needs --sip-dictionary FILE (readable)" >&2; exit 2
  fi
  for cmd in svmap svwar svcrack; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "scan.sh: $cmd missing (apt-get install sipvicious)" >&2; exit 2; }
  done
fi

failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
pass() { echo "ok   $*"; }

# TLS 1.2 suites the policy allows (OpenSSL names): ECDHE with AES-GCM or ChaCha20-Poly1305. TLS 1.3 suites are all AEAD.
allowed12='^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$'

scan_with_sslscan() {
  local target=$1 out
  if ! out=$(timeout 90 sslscan --no-colour --no-fallback --no-renegotiation --no-compression --no-heartbleed \
      --no-groups --no-check-certificate "$target" 2>&1); then
    fail "$target: sslscan did not finish: $(echo "$out" | tail -1)"
    return
  fi
  if ! echo "$out" | grep -Eq '^TLSv1\.(2|3) +enabled'; then
    fail "$target: no TLS 1.2 or 1.3 handshake at all (is it a TLS port?)"
    return
  fi
  local p
  for p in SSLv2 SSLv3 TLSv1.0 TLSv1.1; do
    if echo "$out" | grep -Eq "^$p +enabled"; then fail "$target: $p is enabled"; else pass "$target: $p refused"; fi
  done
  local bad
  bad=$(echo "$out" | awk '$1 ~ /^(Accepted|Preferred)$/ && $2 == "TLSv1.2" {print $5}' | grep -Ev "$allowed12")
  if [ -n "$bad" ]; then fail "$target: TLS 1.2 suites without ECDHE+AEAD accepted: ${bad//$'\n'/ }"; else pass "$target: TLS 1.2 only ECDHE+AEAD"; fi
  echo "$out" | awk '$1 ~ /^(Accepted|Preferred)$/ {print "     " $2, $5}'
}

# Fallback without sslscan: one s_client handshake per case.
handshake() { timeout 15 openssl s_client -connect "$1" -brief "${@:2}" </dev/null >/dev/null 2>&1; }
scan_with_openssl() {
  local target=$1
  handshake "$target" -tls1_3 || handshake "$target" -tls1_2 || { fail "$target: no TLS 1.2/1.3 handshake at all"; return; }
  local opt
  for opt in -tls1 -tls1_1; do
    if handshake "$target" "$opt" -cipher 'ALL:@SECLEVEL=0'; then fail "$target: $opt accepted"; else pass "$target: $opt refused"; fi
  done
  local suite
  for suite in AES128-SHA AES256-GCM-SHA384 ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-SHA384 DHE-RSA-AES128-SHA; do
    if handshake "$target" -tls1_2 -cipher "$suite:@SECLEVEL=0"; then fail "$target: TLS 1.2 $suite accepted"; else pass "$target: TLS 1.2 $suite refused"; fi
  done
}

for target in "${tls[@]}"; do
  echo "== TLS $target"
  if command -v sslscan >/dev/null 2>&1; then scan_with_sslscan "$target"
  elif command -v openssl >/dev/null 2>&1; then scan_with_openssl "$target"
  else echo "scan.sh: neither sslscan nor openssl is installed (apt-get install sslscan)" >&2; exit 2
  fi
done

for url in "${headers[@]}"; do
  echo "== HTTP headers $url"
  if ! got=$(timeout 30 curl -sk -o /dev/null -D - "$url" | tr -d '\r'); then
    fail "$url: no answer"
    continue
  fi
  check_header() {
    local name=$1 pattern=$2 line
    line=$(echo "$got" | grep -i "^$name:" | head -1)
    if [ -z "$line" ]; then fail "$url: no $name header"
    elif echo "$line" | grep -Eiq "$pattern"; then pass "$line"
    else fail "$url: $line (expected $pattern)"
    fi
  }
  check_header Content-Security-Policy "default-src 'self'"
  check_header X-Content-Type-Options nosniff
  check_header X-Frame-Options 'DENY|SAMEORIGIN'
  check_header Referrer-Policy 'no-referrer|same-origin|strict-origin'
  if [ "$hsts" = 1 ]; then
    check_header Strict-Transport-Security 'max-age=[1-9][0-9]{6,}'
  elif echo "$got" | grep -iq '^Strict-Transport-Security:'; then
    echo "note $(echo "$got" | grep -i '^Strict-Transport-Security:')"
  else
    echo "note no Strict-Transport-Security (expected while the certificate is self-signed; --hsts requires it)"
  fi
done

if [ -n "$sip" ]; then
  sip_host=${sip%:*} sip_port=${sip##*:}
  if [ -n "$sip_extensions" ]; then
    echo "== SIP $sip: svmap"
    out=$(timeout 60 svmap -p "$sip_port" "$sip_host" 2>&1)
    row=$(echo "$out" | grep -F "| $sip_host:$sip_port ")
    if [ -z "$row" ]; then fail "$sip: svmap did not find the SIP server: $(echo "$out" | tail -3)"
    elif echo "$row" | grep -q '| unknown '; then pass "$sip: svmap sees no product or version"
    else fail "$sip: svmap reads a product/version: $row"
    fi
    for method in REGISTER INVITE OPTIONS; do
      echo "== SIP $sip: svwar -m $method -e $sip_extensions"
      # --force: scan on even when the server challenges an extension that cannot exist (sipvicious gives up then,
      # which already means "nothing to tell apart"); each extension found is listed in a table row "| 201 | ..."
      out=$(timeout 120 svwar --force --maximumtime=10 -m "$method" -e "$sip_extensions" -p "$sip_port" "$sip_host" 2>&1)
      found=$(echo "$out" | awk -F'|' -v lo="${sip_extensions%%-*}" -v hi="${sip_extensions##*-}" \
        'NF >= 3 { e = $2; gsub(/ /, "", e); if (e ~ /^[0-9]+$/ && e + 0 >= lo + 0 && e + 0 <= hi + 0) print e }')
      if [ -n "$found" ]; then fail "$sip: svwar -m $method told these extensions apart: ${found//$'\n'/ }"
      elif ! echo "$out" | grep -Eq 'reqauth|authentication request for an unknown extension|SIP/2\.0 [0-9]{3}'; then
        # nothing found because nothing answered (e.g. this address is banned) proves nothing
        fail "$sip: svwar -m $method got no answer: $(echo "$out" | tail -2)"
      else pass "$sip: svwar -m $method found no extension in $sip_extensions (each answered alike)"
      fi
    done
  fi
  if [ -n "$sip_crack" ]; then
    echo "== SIP $sip: svcrack -u $sip_crack ($(wc -l < "$sip_dictionary") passwords)"
    out=$(timeout 180 svcrack --maximumtime=10 -u "$sip_crack" -d "$sip_dictionary" -p "$sip_port" "$sip_host" 2>&1)
    if echo "$out" | grep -q 'found nothing'; then pass "$sip: svcrack found no password for $sip_crack"
    else fail "$sip: svcrack: $(echo "$out" | tail -6)"
    fi
  fi
fi

if [ -n "$sbom" ]; then
  echo "== known-vulnerable dependencies in $sbom"
  "$(dirname "$0")/cve-check.sh" "$sbom" || fail "$sbom: dependencies with known vulnerabilities (above)"
fi

echo "scan.sh: $failures finding(s)"
[ "$failures" -eq 0 ]
