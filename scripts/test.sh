#!/usr/bin/env bash
# The one command that runs every Tandem test: unit, integration, fuzz (bounded), and the black-box
# tier that drives the built jar with SIPp and baresip. Installs the Debian packages those peers
# need when it can (root or sudo), then runs the Maven build with all tests.
#
#   scripts/test.sh              # everything
#   scripts/test.sh -o           # extra arguments go to Maven (here: offline)
#   scripts/test.sh --fast -o    # the edit loop: build and unit tests of every module, no integration tier
#                                # (no SIPp, browser or database peers: only the build's own JDK, npm and patch)
set -euo pipefail

cd "$(dirname "$0")/.."

if [ "${1:-}" = "--fast" ]; then
  shift
  # unit tests only (surefire); failsafe's ITs, the fuzzers' long runs and the black-box tier are skipped
  exec ./mvnw -B verify -DskipITs "$@"
fi

# command that proves the package is present -> Debian package that provides it
declare -A NEEDED=(
  [patch]=patch             # the build: jain-sip/patches/ applied to jain-sip's sources (jain-sip/README.md)
  [sipp]=sip-tester
  [baresip]=baresip
  [linphonec]=linphone-cli  # a real Linphone (liblinphone): the welcome e-mail's QR code sets it up (remote provisioning)
  [mariadbd]=mariadb-server
  [shellcheck]=shellcheck
  [whiptail]=whiptail       # iso/cmdline-test.sh (IsoInstallerCommandLineIT): the ISO installer's screens on a pseudo-terminal
  [ckbcomp]=console-setup   # iso/cmdline-test.sh: GRUB's keymap (grub-kbdcomp runs ckbcomp), as the installer does
  [grub-kbdcomp]=grub-common
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [chromium-headless-shell]=chromium-headless-shell  # the page tests' browsers: the same Chromium, less CPU (ChromiumPool)
  [stun]=stun-client        # a third-party STUN client for the STUN server's tests
  [nft]=nftables            # the NAT lab's symmetric NATs (masquerade random) in network namespaces
  [socat]=socat             # the NAT lab: reaching a softphone's control port inside a namespace
  [sslscan]=sslscan         # scripts/scan.sh (TlsPortsIT): no TLS < 1.2, no non-AEAD suite on any TLS port
  [openssl]=openssl         # TLS 1.0/1.1 probes (the JDK's client no longer offers them)
  [curl]=curl               # scripts/scan.sh: the UI's security headers
  [python3]=python3         # scripts/cve-check.sh reads the SBOM
  [svcrack]=sipvicious      # scripts/scan.sh (TlsPortsIT, BanIT): svmap, svwar, svcrack against the appliance
  [turnserver]=coturn       # WebPhoneTurnIT: the web phone through a real TURN server (coturn)
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  pkg=${NEEDED[$cmd]}
  if command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] \
      || dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    continue
  fi
  missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing missing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "test.sh: ERROR: ${missing[*]} missing and I am neither root nor allowed to sudo." >&2
    echo "test.sh: install them yourself: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update \
      || ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "test.sh: ERROR: could not install ${missing[*]} (see apt-get's output above)." >&2
    echo "test.sh: the black-box tests need them; fix the package sources or install them by hand." >&2
    exit 2
  fi
fi

for cmd in "${!NEEDED[@]}"; do
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$cmd" ]; then
    echo "test.sh: ERROR: '$cmd' (Debian package ${NEEDED[$cmd]}) is still not available after installing." >&2
    exit 2
  fi
done

# two modules at a time (-T 2): nothing depends on media-it and pbx-core-it, so media's and pbx-core's integration
# tests (calls, SIP timers and audio in real time: test JVMs that mostly wait) run beside the modules built on them
# and the appliance's integration tier instead of before them (pbx-core-it/README.md, media-it/README.md).
# TANDEM_MVN_THREADS=1 runs one module at a time.
exec ./mvnw -B -T "${TANDEM_MVN_THREADS:-2}" verify "$@"
