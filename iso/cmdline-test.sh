#!/usr/bin/env bash
# Checks how tandem-install reads its kernel command line settings (no root, no qemu: a second):
# the boot lines of the ISO's install entries as grub.cfg holds them, plus what the README tells an
# admin to append for an unattended install, must give the disk, host name and password named.
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
readme_recipe="tandem.install=/dev/sda tandem.hostname=pbx1"   # README.md, "Install", appended to the linux line

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

[ "$failures" = 0 ] || { echo "cmdline-test: $failures failed"; exit 1; }
echo "cmdline-test: all passed"
