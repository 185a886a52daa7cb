#!/usr/bin/env bash
# Checks how tandem-install reads its kernel command line settings (no root, no qemu: a second):
# the boot lines of the ISO's install entries as grub.cfg holds them, plus what the README tells an
# admin to append for an unattended install, must give the disk, host name and password named; and
# that a static network (tandem.ip=...) is checked and becomes the systemd-networkd file the web UI's
# Network page writes, by the same helper (installer/src/deb/lib/network-apply, against a temporary root); and that
# the time zone (tandem.timezone=...) is checked and written by that helper too.
#
#   iso/cmdline-test.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer="$here/overlay/usr/sbin/tandem-install"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The function alone, from the installer itself (the rest of it would start installing).
sed -n '/^cmdline_value() {/,/^}/p' "$installer" > "$tmp/cmdline_value.sh"
grep -q 'TANDEM_CMDLINE' "$tmp/cmdline_value.sh" || { echo "cmdline-test: no cmdline_value() in $installer" >&2; exit 1; }
# shellcheck source=/dev/null
. "$tmp/cmdline_value.sh"

failures=0
expect() {  # expect NAME WANTED BOOT-LINE
  local got
  printf '%s\n' "$3" > "$tmp/cmdline"
  got=$(TANDEM_CMDLINE="$tmp/cmdline" cmdline_value "$1")
  if [ "$got" = "$2" ]; then
    echo "ok: $1 = '$2' from: $3"
  else
    echo "FAIL: $1 = '$got', wanted '$2', from: $3"
    failures=$((failures + 1))
  fi
}

# The install entry's linux line as grub.cfg has it, GRUB's variable expanded.
entry=$(sed -n '/^menuentry "Install Tandem/,/}/s/^ *linux \/live\/vmlinuz //p' "$here/grub.cfg" | head -n1 \
  | sed 's/ [$]tandem_console/ console=ttyS0,115200n8 console=tty0/')
case "$entry" in *' tandem.install '*) ;; *) echo "cmdline-test: the install entry has no bare tandem.install: $entry" >&2; exit 1 ;; esac
readme_recipe="tandem.install=/dev/sda tandem.hostname=pbx1 tandem.timezone=Europe/Berlin"   # README.md, "Install", appended to the linux line

expect tandem.install 1 "BOOT_IMAGE=/live/vmlinuz $entry"
expect tandem.install /dev/sda "BOOT_IMAGE=/live/vmlinuz $entry $readme_recipe"
expect tandem.hostname pbx1 "BOOT_IMAGE=/live/vmlinuz $entry $readme_recipe"
expect tandem.rootpw "" "BOOT_IMAGE=/live/vmlinuz $entry $readme_recipe"
expect tandem.rootpw 's3cr=t' "$entry $readme_recipe tandem.rootpw=s3cr=t"
expect tandem.install /dev/sda "tandem.install=/dev/sda $entry"     # value first, bare one after
expect tandem.install /dev/nvme0n1 "$entry tandem.install=/dev/sda tandem.install=/dev/nvme0n1"
expect tandem.noreboot 1 "$entry tandem.noreboot"
expect tandem.noreboot "" "$entry"
expect tandem.install "" "boot=live console=tty0"
expect tandem.install "" "boot=live tandem.installer=x"

grep -qF "\`$readme_recipe\`" "$here/../README.md" \
  || { echo "FAIL: README.md no longer states the recipe '$readme_recipe' this test checks"; failures=$((failures + 1)); }

# The static network (issue 21): the installer's own functions, then the .deb's helper on their request.
sed -n '/^valid_ipv4() {/,/^}/p; /^network_problem() {/,/^}/p; /^network_request() {/,/^}/p' "$installer" > "$tmp/network.sh"
# shellcheck source=/dev/null
. "$tmp/network.sh"
expect tandem.ip 192.168.1.20/24 "$entry $readme_recipe tandem.ip=192.168.1.20/24 tandem.gateway=192.168.1.1"
problem_of() {  # problem_of WANTED IP GATEWAY DNS
  local got
  got=$(ip=$2 gateway=$3 dns=$4 network_problem)
  if [ -z "$1" ] && [ -n "$got" ]; then got="UNWANTED: $got"; fi
  case "$got" in
    UNWANTED:*) echo "FAIL: '$2' '$3' '$4' gave '$got', wanted no problem"; failures=$((failures + 1)) ;;
    *"$1"*) echo "ok: '$2' '$3' '$4': ${got:-no problem}" ;;
    *) echo "FAIL: '$2' '$3' '$4' gave '$got', wanted '$1'"; failures=$((failures + 1)) ;;
  esac
}
problem_of "" 192.168.1.20/24 192.168.1.1 "192.168.1.1,9.9.9.9"
problem_of "prefix length" 192.168.1.20 192.168.1.1 ""
problem_of "not an IPv4 address" 192.168.1.256/24 "" ""
problem_of "8 to 30" 10.0.0.5/31 "" ""
problem_of "gateway '192.168.1' is not" 192.168.1.20/24 192.168.1 ""
problem_of "DNS server 'dns.example'" 192.168.1.20/24 192.168.1.1 "dns.example"
mkdir -p "$tmp/root"
ip=192.168.1.20/24 gateway=192.168.1.1 dns=192.168.1.1,9.9.9.9 network_request enp1s0 > "$tmp/request"
if TANDEM_NETWORK_ROOT="$tmp/root" TANDEM_NETWORK_COMMANDS=/dev/null sh "$here/../installer/src/deb/lib/network-apply" \
    apply "$tmp/request" && grep -qx 'Name=enp1s0' "$tmp/root/etc/systemd/network/10-tandem.network" \
    && grep -qx 'Address=192.168.1.20/24' "$tmp/root/etc/systemd/network/10-tandem.network" \
    && grep -qx 'Gateway=192.168.1.1' "$tmp/root/etc/systemd/network/10-tandem.network" \
    && grep -qx 'DNS=9.9.9.9' "$tmp/root/etc/systemd/network/10-tandem.network"; then
  echo "ok: tandem.ip=192.168.1.20/24 becomes 10-tandem.network"
else
  echo "FAIL: the static network's request did not become 10-tandem.network"; failures=$((failures + 1))
fi

# The time zone (issue 21, item 6): checked against tzdata's names, then written into the new system's root by the
# .deb's helper that later keeps it in step with the setup wizard's.
sed -n '/^zone_problem() {/,/^}/p' "$installer" > "$tmp/zone.sh"
# shellcheck source=/dev/null
. "$tmp/zone.sh"
expect tandem.timezone Europe/Berlin "$entry $readme_recipe tandem.timezone=Europe/Berlin"
mkdir -p "$tmp/zoneinfo/Europe" "$tmp/zoneinfo/America/Argentina"
touch "$tmp/zoneinfo/Europe/Berlin" "$tmp/zoneinfo/UTC" "$tmp/zoneinfo/America/Argentina/Buenos_Aires"
for good in Europe/Berlin UTC America/Argentina/Buenos_Aires; do
  got=$(TANDEM_ZONEINFO="$tmp/zoneinfo" zone_problem "$good")
  if [ -z "$got" ]; then echo "ok: zone $good"; else echo "FAIL: zone $good: $got"; failures=$((failures + 1)); fi
done
# shellcheck disable=SC2016 # a command substitution that must stay text
for bad in Europe/Atlantis ../zoneinfo/UTC "Europe/Berlin x" '$(reboot)' ""; do
  got=$(TANDEM_ZONEINFO="$tmp/zoneinfo" zone_problem "$bad")
  case "$got" in
    *"is not a time zone"*) echo "ok: zone '$bad' refused" ;;
    *) echo "FAIL: zone '$bad' gave '$got'"; failures=$((failures + 1)) ;;
  esac
done
mkdir -p "$tmp/root/usr/share/zoneinfo/Europe"
touch "$tmp/root/usr/share/zoneinfo/Europe/Berlin"
if TANDEM_NETWORK_ROOT="$tmp/root" TANDEM_NETWORK_COMMANDS=/dev/null sh "$here/../installer/src/deb/lib/network-apply" \
    zone Europe/Berlin && [ "$(readlink "$tmp/root/etc/localtime")" = /usr/share/zoneinfo/Europe/Berlin ] \
    && [ "$(cat "$tmp/root/etc/timezone")" = Europe/Berlin ]; then
  echo "ok: tandem.timezone=Europe/Berlin becomes /etc/localtime and /etc/timezone"
else
  echo "FAIL: the time zone did not become /etc/localtime and /etc/timezone"; failures=$((failures + 1))
fi

[ "$failures" = 0 ] || { echo "cmdline-test: $failures failed"; exit 1; }
echo "cmdline-test: all passed"
