#!/usr/bin/env bash
# Checks how tandem-install reads its kernel command line settings (no root, no qemu: a second):
# the boot lines of the ISO's install entries as grub.cfg holds them, plus what the README tells an
# admin to append for an unattended install, must give the disk, host name and password named; and
# that a static network (tandem.ip=...) is checked and becomes the systemd-networkd file the web UI's
# Network page writes, by the same helper (installer/src/deb/lib/network-apply, against a temporary root); and that
# the time zone (tandem.timezone=...) is checked and written by that helper too; that the keyboard, host name, admin
# account (name, password hash, SSH key) are checked with a clear reason; that the questions (plain prompts fed from a
# file, and whiptail driven through a pseudo-terminal) ask again after a wrong answer; and what is written for the
# keyboard and SSH; that the image's firewall file for Tandem's ports is what the helper writes for the default
# ports. The installer's functions come from its own library (overlay/usr/lib/tandem-installer).
#
#   iso/cmdline-test.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer="$here/overlay/usr/sbin/tandem-install"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

lib="$here/overlay/usr/lib/tandem-installer"
# shellcheck source=SCRIPTDIR/overlay/usr/lib/tandem-installer/settings.sh
. "$lib/settings.sh"
# shellcheck source=SCRIPTDIR/overlay/usr/lib/tandem-installer/ui.sh
. "$lib/ui.sh"
# shellcheck source=SCRIPTDIR/overlay/usr/lib/tandem-installer/questions.sh
. "$lib/questions.sh"
# shellcheck source=SCRIPTDIR/overlay/usr/lib/tandem-installer/target.sh
. "$lib/target.sh"
grep -q "TANDEM_INSTALL_LIB:-/usr/lib/tandem-installer" "$installer" \
  || { echo "cmdline-test: $installer does not read its library from /usr/lib/tandem-installer" >&2; exit 1; }

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
expect tandem.admin "" "BOOT_IMAGE=/live/vmlinuz $entry $readme_recipe"
expect tandem.admin-ssh-key 'c3No=' "$entry $readme_recipe tandem.admin-ssh-key=c3No="     # a value holding '='
# shellcheck disable=SC2016 # a crypt hash: its $ parts are text
expect tandem.admin-password-hash '$6$salt$hash' "$entry $readme_recipe tandem.admin-password-hash=\$6\$salt\$hash"
expect tandem.install /dev/sda "tandem.install=/dev/sda $entry"     # value first, bare one after
expect tandem.install /dev/nvme0n1 "$entry tandem.install=/dev/sda tandem.install=/dev/nvme0n1"
expect tandem.noreboot 1 "$entry tandem.noreboot"
expect tandem.noreboot "" "$entry"
expect tandem.install "" "boot=live console=tty0"
expect tandem.install "" "boot=live tandem.installer=x"

grep -qF "\`$readme_recipe\`" "$here/../README.md" \
  || { echo "FAIL: README.md no longer states the recipe '$readme_recipe' this test checks"; failures=$((failures + 1)); }

# The static network (issue 21): the installer's own functions, then the .deb's helper on their request.
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

# Each check of an answer (issue 21, items 4, 7, 8): accepted, or refused with a reason the admin can act on.
accepted() {  # accepted FUNCTION ARG...
  local got
  got=$("$@")
  if [ -z "$got" ]; then echo "ok: $1 accepts '${*:2}'"; else echo "FAIL: $1 refused '${*:2}': $got"; failures=$((failures + 1)); fi
}
refused() {  # refused WANTED-IN-REASON FUNCTION ARG...
  local got value="${*:3}"
  got=$("${@:2}")
  value=${value//$'\n'/\\n}
  case "$got" in
    "") echo "FAIL: $2 accepted '$value', wanted: $1"; failures=$((failures + 1)) ;;
    *"$1"*) echo "ok: $2 refuses '$value': $got" ;;
    *) echo "FAIL: $2 refused '$value' with '$got', wanted: $1"; failures=$((failures + 1)) ;;
  esac
}
for good in us de fr es it uk gb DE ch; do accepted keyboard_problem "$good"; done
if [ "$(keyboard_layout uk)" = gb ] && [ "$(keyboard_layout DE)" = de ]; then echo "ok: uk is gb, DE is de"
else echo "FAIL: keyboard_layout uk='$(keyboard_layout uk)' DE='$(keyboard_layout DE)'"; failures=$((failures + 1)); fi
for bad in xx "de;reboot" "" "de fr" ../us; do refused "is not a keyboard layout offered: one of us gb de" keyboard_problem "$bad"; done

for good in pbx1 tandem PBX-office-2 a "$(printf 'x%.0s' {1..63})"; do accepted hostname_problem "$good"; done
for bad in "" -pbx pbx- pbx_1 "pbx 1" pbx.example.com "$(printf 'x%.0s' {1..64})"; do refused "is not a host name" hostname_problem "$bad"; done

printf 'root:x:0:0::/root:/bin/bash\ntandem:x:100:100::/var/lib/tandem:/usr/sbin/nologin\n' > "$tmp/passwd"
printf 'root:x:0:\nsudo:x:27:\ntandem:x:100:\n' > "$tmp/group"
export TANDEM_PASSWD="$tmp/passwd" TANDEM_GROUP="$tmp/group"
for good in tandem-admin admin ops_1 "$(printf 'a%.0s' {1..32})"; do accepted admin_name_problem "$good"; done
refused "root stays locked" admin_name_problem root
refused "already a user or group" admin_name_problem tandem
refused "already a user or group" admin_name_problem sudo
for bad in "" Admin 1admin "ad min" "$(printf 'a%.0s' {1..33})" "-admin"; do refused "is not a user name" admin_name_problem "$bad"; done

accepted password_problem "longenough1" "longenough1"
refused "the password is empty" password_problem "" ""
refused "shorter than 8 characters" password_problem "short" "short"
refused "the two passwords differ" password_problem "longenough1" "longenough2"

# shellcheck disable=SC2016 # crypt hashes: their $ parts are text
good_hash='$6$boottest$'"$(printf 'A%.0s' {1..86})"
real_hash=$(openssl passwd -6 -salt s4ltS4lt 'longenough1' 2>/dev/null || true)
accepted password_hash_problem "$good_hash"
[ -z "$real_hash" ] || accepted password_hash_problem "$real_hash"
# shellcheck disable=SC2016 # crypt hashes: their $ parts are text
refused "is not a SHA-512 crypt hash" password_hash_problem '$1$salt$md5hashmd5hashmd5hash'
refused "is not a SHA-512 crypt hash" password_hash_problem 'longenough1'
refused "in single quotes" password_hash_problem "${good_hash//\$/}"      # what GRUB leaves of an unquoted hash

# A public key line as authorized_keys holds it: type, the key's data (starting with the type), comment.
key_blob=$( { printf '\0\0\0\013ssh-ed25519\0\0\0\040'; head -c 32 /dev/zero; } | base64 -w0)
key_line="ssh-ed25519 $key_blob admin@laptop"
key_param=$(printf '%s' "$key_line" | base64 -w0 | tr '+/' '-_' | tr -d =)
if [ "$(ssh_key_line "$key_param")" = "$key_line" ]; then echo "ok: tandem.admin-ssh-key decodes (URL-safe base64, no padding)"
else echo "FAIL: tandem.admin-ssh-key=$key_param decodes to '$(ssh_key_line "$key_param")'"; failures=$((failures + 1)); fi
accepted ssh_key_problem "$key_line"
accepted ssh_key_problem "ssh-ed25519 $key_blob"
refused "not one public key line" ssh_key_problem "$(ssh_key_line 'not-base64!')"
refused "not one public key line" ssh_key_problem "$key_line"$'\n'"$key_line"
refused "not one public key line" ssh_key_problem "ssh-dss $key_blob old"
refused "is not a ssh-rsa key" ssh_key_problem "ssh-rsa $key_blob mislabelled"

# The unattended install's settings, all checked before anything is written (the disks: fakes the test declares).
is_block_device() { [ "$1" = /dev/vda ] || [ "$1" = /dev/nvme0n1 ] || [ "$1" = /dev/sr0 ]; }
lsblk() {  # what lsblk shows of the test's disks: a virtio disk, an NVMe disk, the live medium's CD drive
  case "$*" in
    "-d -n -o TYPE /dev/sr0") echo rom ;;
    "-d -n -o TYPE "*) echo disk ;;
    *) printf 'vda 8G disk\nnvme0n1 476.9G disk Samsung\\x20SSD\\x20970\nsr0 621M rom QEMU\\x20DVD-ROM\n' ;;
  esac
}
settings_from_cmdline() { read_settings ""; settings_problem; }
unattended() {  # unattended WANTED-IN-PROBLEM BOOT-LINE-ADDITION: "" wants none
  local got
  printf '%s\n' "$entry $2" > "$tmp/cmdline"
  got=$(TANDEM_CMDLINE="$tmp/cmdline" TANDEM_ZONEINFO="$tmp/zoneinfo" settings_from_cmdline)
  if [ -z "$1" ] && [ -z "$got" ]; then echo "ok: unattended, ending '${2##* }': no problem"
  elif [ -n "$1" ] && [[ "$got" == *"$1"* ]]; then echo "ok: unattended, ending '${2##* }': stops: $got"
  else echo "FAIL: unattended '$2' gave '$got', wanted '${1:-no problem}'"; failures=$((failures + 1)); fi
}
full="tandem.install=/dev/vda tandem.keyboard=de tandem.hostname=pbx1 tandem.timezone=Europe/Berlin tandem.admin=ops"
full+=" tandem.admin-password-hash=$good_hash tandem.admin-ssh-key=$key_param"
unattended "" "$full"
unattended "" "tandem.install=/dev/vda"
unattended "" "tandem.install=/dev/vda tandem.admin-password-hash=$good_hash"
unattended "tandem.keyboard: 'xx' is not a keyboard layout" "$full tandem.keyboard=xx"
unattended "tandem.hostname: 'pbx_1' is not a host name" "$full tandem.hostname=pbx_1"
unattended "tandem.admin: root stays locked" "$full tandem.admin=root"
unattended "needs tandem.admin-password-hash" "tandem.install=/dev/vda tandem.admin=ops"
unattended "is not a SHA-512 crypt hash" "$full tandem.admin-password-hash=secret123"
unattended "tandem.admin-ssh-key is not one public key" "$full tandem.admin-ssh-key=bm90IGEga2V5"
unattended "tandem.rootpw is no longer read" "$full tandem.rootpw=secret"
unattended "static network: the prefix length" "$full tandem.ip=10.0.0.5/31"
unattended "disk: '/dev/sdz' is not a block device" "tandem.install=/dev/sdz"
unattended "disk: '/dev/sr0' is not a whole disk" "tandem.install=/dev/sr0"
# After the questions the same checks run again: the admin's password typed on the console stands for the hash.
answered() { read_settings ""; disk=/dev/nvme0n1 admin=ops admin_password=longenough1; settings_problem; }
printf '%s\n' "$entry" > "$tmp/cmdline"
got=$(TANDEM_CMDLINE="$tmp/cmdline" TANDEM_ZONEINFO="$tmp/zoneinfo" answered)
if [ -z "$got" ]; then echo "ok: answered on the console: the typed password needs no hash"
else echo "FAIL: answered on the console: $got"; failures=$((failures + 1)); fi
printf '%s\n' "$entry tandem.install=/dev/vda tandem.admin-password-hash=$good_hash" > "$tmp/cmdline"
settings_read() { read_settings ""; echo "$admin $keyboard $hostname $zone"; }
defaults=$(TANDEM_CMDLINE="$tmp/cmdline" settings_read)
if [ "$defaults" = "tandem-admin us tandem UTC" ]; then echo "ok: defaults: admin tandem-admin (with a hash), keyboard us, host tandem, zone UTC"
else echo "FAIL: defaults: $defaults"; failures=$((failures + 1)); fi

# The questions as plain prompts, answers from a file: every wrong answer is refused with its reason and asked
# again, the summary changes an answer, and the install is confirmed (issue 21, item 8).
keyboard_chosen() { chosen_keyboards+=("$1"); }
answers=(xx de /dev/sdz /dev/nvme0n1 bad_host! pbx1 Europe/Atlantis Europe/Berlin static 192.168.1.20 192.168.1.20/24
  192.168.1 "" "192.168.1.1,dns.example" "192.168.1.1,9.9.9.9" root tandem-admin short short longenough1 other-pw-1
  longenough1 longenough1 hostname pbx2 install yes)
printf '%s\n' "${answers[@]}" > "$tmp/answers"
rc=0
(
  # shellcheck disable=SC2034 # the installer's globals, read by its functions
  ui=plain TANDEM_ZONEINFO="$tmp/zoneinfo" keyboard=us disk="" hostname=tandem zone=UTC ip="" gateway="" dns="" admin="" \
    admin_password="" live_medium=/dev/sr0 chosen_keyboards=()
  ask_all < "$tmp/answers" 2> "$tmp/questions.txt" || exit
  printf '%s\n' "$keyboard|$disk|$hostname|$zone|$ip|$gateway|$dns|$admin|$admin_password|${chosen_keyboards[*]}"
) > "$tmp/flow.txt" || rc=$?
wanted="de|/dev/nvme0n1|pbx2|Europe/Berlin|192.168.1.20/24|192.168.1.1|192.168.1.1,9.9.9.9|tandem-admin|longenough1|de"
if [ "$rc" = 0 ] && [ "$(cat "$tmp/flow.txt")" = "$wanted" ]; then echo "ok: the questions give $wanted"
else echo "FAIL: the questions (rc $rc) gave '$(cat "$tmp/flow.txt")', wanted '$wanted'"; sed 's/^/    /' "$tmp/questions.txt"; failures=$((failures + 1)); fi
for shown in "'xx' is not in the list" "'/dev/sdz' is not in the list" "'bad_host!' is not a host name" \
    "'Europe/Atlantis' is not a time zone" "write the address with its prefix length" "gateway '192.168.1' is not" \
    "DNS server 'dns.example' is not" "root stays locked" "shorter than 8 characters" "the two passwords differ" \
    "/dev/vda         8G" "/dev/nvme0n1     476.9G  Samsung SSD 970" "Erase /dev/nvme0n1 and install Tandem" "Host name:    pbx2"; do
  if grep -qF -- "$shown" "$tmp/questions.txt"; then echo "ok: the questions showed: $shown"
  else echo "FAIL: the questions did not show: $shown"; failures=$((failures + 1)); fi
done
if grep -q "/dev/sr0" "$tmp/questions.txt"; then echo "FAIL: the live medium /dev/sr0 was offered as a disk"; failures=$((failures + 1)); fi
# No at the confirmation, then Back on the summary and yes to quitting: nothing is installed. No answers: it gives up.
printf '%s\n' de "" "" "" dhcp "" longenough1 longenough1 install no back yes > "$tmp/quit"
rc=0
( # shellcheck disable=SC2034
  ui=plain TANDEM_ZONEINFO="$tmp/zoneinfo" keyboard=us disk="" hostname=tandem zone=UTC ip="" admin="" live_medium=/dev/sr0
  ask_all < "$tmp/quit" 2>/dev/null ) || rc=$?
if [ "$rc" = 1 ]; then echo "ok: no at the confirmation, then quit: nothing installed"; else echo "FAIL: quitting gave rc $rc"; failures=$((failures + 1)); fi
rc=0
( # shellcheck disable=SC2034
  ui=plain keyboard=us disk="" hostname=tandem live_medium=/dev/sr0; ask_all < /dev/null 2>/dev/null ) || rc=$?
if [ "$rc" = 2 ]; then echo "ok: no answers: it gives up"; else echo "FAIL: no answers gave rc $rc"; failures=$((failures + 1)); fi

# The same question through whiptail on a pseudo-terminal: a wrong host name is refused on a screen of its own and
# asked again, without starting over.
if command -v whiptail >/dev/null; then
  if python3 - "$lib" > "$tmp/whiptail.txt" 2>&1 <<'PY'
import os, pty, select, sys, time
script = ('set -euo pipefail; for f in settings ui questions; do . "%s/$f.sh"; done; ui_start; hostname=tandem; rc=0; '
          'ask_hostname || rc=$?; echo "RESULT rc=$rc hostname=$hostname" >&2; admin=""; admin_password=""; rc=0; '
          'ask_admin || rc=$?; echo "ADMIN rc=$rc $admin $admin_password" >&2') % sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="vt100", LINES="24", COLUMNS="80", TANDEM_UI="whiptail")
    os.execvp("bash", ["bash", "-c", script])
out = b""
def wait_for(pattern, start, seconds=10):
    global out
    deadline = time.time() + seconds
    while pattern not in out[start:]:
        if time.time() > deadline:
            raise SystemExit("whiptail: no %r on the screen within %d s; the screen's end: %r" % (pattern, seconds, out[-300:]))
        if select.select([fd], [], [], 0.2)[0]:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                raise SystemExit("whiptail: the session ended before %r; the screen's end: %r" % (pattern, out[-300:]))
            out += data
wait_for(b"Host name of this appliance", 0)
os.write(fd, b"\x7f" * 10 + b"bad_host!\r")
wait_for(b"is not a host name", 0)
mark = len(out)
os.write(fd, b"\r")                               # OK on the error's screen
wait_for(b"Host name of this appliance", mark)    # the same question again
os.write(fd, b"\x7f" * 12 + b"pbx1\r")
wait_for(b"RESULT rc=0 hostname=pbx1", mark)
# The admin account: the name as offered, then passwords (not shown) that are refused until they are long enough
# and the same twice.
wait_for(b"User name", mark)
os.write(fd, b"\r")
for first, second, refusal in ((b"short", b"short", b"shorter than 8"), (b"longenough1", b"longenough2", b"differ"),
                               (b"longenough1", b"longenough1", None)):
    mark = len(out)
    wait_for(b"Password of tandem-admin", mark)
    os.write(fd, first + b"\r")
    wait_for(b"again", mark)
    os.write(fd, second + b"\r")
    if refusal:
        wait_for(refusal, mark)
        os.write(fd, b"\r")
wait_for(b"ADMIN rc=0 tandem-admin longenough1", mark)
if b"longenough" in out[:out.index(b"ADMIN rc=0")]:
    raise SystemExit("whiptail: a password was shown on the screen")
os.waitpid(pid, 0)
print("whiptail on a terminal: refused bad_host! on a screen of its own, asked again, took pbx1; refused a short"
      " and a mistyped password, took the third")
PY
  then echo "ok: $(tail -n1 "$tmp/whiptail.txt")"
  else echo "FAIL: $(tail -n1 "$tmp/whiptail.txt")"; failures=$((failures + 1)); fi
else
  echo "FAIL: whiptail is not installed (apt-get install whiptail): the installer's screens are untested"; failures=$((failures + 1))
fi

# What the install writes for the keyboard (console and GRUB) and SSH, into a temporary root.
write_keyboard "$tmp/root" de
write_sshd_config "$tmp/root" tandem-admin
write_authorized_key "$tmp/root" /home/tandem-admin "$key_line"
if grep -qx 'XKBLAYOUT="de"' "$tmp/root/etc/default/keyboard" && grep -qx 'XKBMODEL="pc105"' "$tmp/root/etc/default/keyboard"; then
  echo "ok: tandem.keyboard=de becomes /etc/default/keyboard"
else echo "FAIL: /etc/default/keyboard: $(cat "$tmp/root/etc/default/keyboard")"; failures=$((failures + 1)); fi
# GRUB's keyboard layout (issue 21, item 7): grub-kbdcomp's keymap for de (key Z gives y, key Y gives z: GRUB's key
# codes 0x1d and 0x1c, 4-byte entries after the 12-byte header) and the lines that use it under BIOS only; none for us.
# Needs grub-kbdcomp (grub-common) and ckbcomp (console-setup), as the image has them.
# Only with a keyboard on the PS/2 port and none on USB (/proc/bus/input/devices as Linux 6.1 shows them: qemu's
# PS/2 keyboard, a USB keyboard, the power button that is no keyboard).
ps2_kbd='I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
P: Phys=isa0060/serio0/input0
H: Handlers=sysrq kbd event0 leds
'
usb_kbd='I: Bus=0003 Vendor=0627 Product=0001 Version=0111
N: Name="QEMU QEMU USB Keyboard"
P: Phys=usb-0000:00:1d.0-1/input0
H: Handlers=sysrq kbd leds event2
'
power='I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=LNXPWRBN/button/input0
H: Handlers=kbd event1
'
printf '%s\n%s\n' "$power" "$ps2_kbd" > "$tmp/input-ps2"
printf '%s\n%s\n%s\n' "$ps2_kbd" "$power" "$usb_kbd" > "$tmp/input-usb"
printf '%s\n' "$power" > "$tmp/input-none"
if grub_reads_the_keyboard "$tmp/input-ps2" && ! grub_reads_the_keyboard "$tmp/input-usb" \
    && ! grub_reads_the_keyboard "$tmp/input-none" && ! grub_reads_the_keyboard "$tmp/no-such-file"; then
  echo "ok: GRUB's layout with a PS/2 keyboard alone; not with a USB keyboard too, nor with none"
else echo "FAIL: grub_reads_the_keyboard: PS/2 $(grub_reads_the_keyboard "$tmp/input-ps2" && echo yes || echo no)," \
  "USB $(grub_reads_the_keyboard "$tmp/input-usb" && echo yes || echo no), none $(grub_reads_the_keyboard "$tmp/input-none" && echo yes || echo no)"
  failures=$((failures + 1)); fi
gkb="$tmp/root/boot/grub/layouts/de.gkb"
if ! command -v grub-kbdcomp >/dev/null || ! command -v ckbcomp >/dev/null; then
  echo "FAIL: grub-kbdcomp or ckbcomp missing (apt-get install grub-common console-setup): GRUB's keymap is untested"
  failures=$((failures + 1))
elif write_grub_keymap "$tmp/root" de && [ "$(head -c 8 "$gkb")" = GRUBLAYO ] && [ "$(stat -c %s "$gkb")" = 2572 ] \
    && [ "$(od -A n -t u4 -j $((12 + 4 * 0x1d)) -N 4 "$gkb" | tr -d ' ')" = 121 ] \
    && [ "$(od -A n -t u4 -j $((12 + 4 * 0x1c)) -N 4 "$gkb" | tr -d ' ')" = 122 ]; then
  echo "ok: tandem.keyboard=de becomes GRUB's /boot/grub/layouts/de.gkb (Z and Y swapped)"
else echo "FAIL: /boot/grub/layouts/de.gkb: $(od -c -N 16 "$gkb" 2>&1 | head -n1)"; failures=$((failures + 1)); fi
mkdir -p "$tmp/root/boot/grub"
write_grub_config "$tmp/root" 0123-uuid de
grub_cfg="$tmp/root/boot/grub/grub.cfg"
# shellcheck disable=SC2016 # GRUB's variables, not the shell's
pc_line='^if \[ "\$grub_platform" = pc \]; then$'
grub_keymap=$(sed -n "/$pc_line/,/^fi\$/p" "$grub_cfg")
# shellcheck disable=SC2016 # GRUB's variables, not the shell's
grub_keymap_wanted='if [ "$grub_platform" = pc ]; then
  insmod at_keyboard
  insmod keylayouts
  if keymap /boot/grub/layouts/de.gkb; then
    terminal_input at_keyboard serial
    echo "GRUB keyboard layout: de"
  fi
fi'
# the block after the search that sets $root (its path is on the installed disk) and before the menu; the only
# at_keyboard; the UEFI input stays console + serial
if [ "$grub_keymap" = "$grub_keymap_wanted" ] && [ "$(grep -c at_keyboard "$grub_cfg")" = 2 ] \
    && [ "$(grep -n -m1 '^search ' "$grub_cfg" | cut -d: -f1)" -lt "$(grep -n -m1 "$pc_line" "$grub_cfg" | cut -d: -f1)" ] \
    && [ "$(grep -n -m1 "$pc_line" "$grub_cfg" | cut -d: -f1)" -lt "$(grep -n -m1 '^menuentry' "$grub_cfg" | cut -d: -f1)" ] \
    && grep -qx 'terminal_input console serial' "$grub_cfg" && grep -qx 'search --no-floppy --fs-uuid --set=root 0123-uuid' "$grub_cfg" \
    && { ! command -v grub-script-check >/dev/null || grub-script-check "$grub_cfg"; }; then
  echo "ok: the installed grub.cfg loads keymap de with at_keyboard alone under BIOS only (grub-script-check: $(command -v grub-script-check >/dev/null && echo passed || echo not installed))"
else echo "FAIL: the installed grub.cfg's keymap lines: $(cat "$grub_cfg")"; failures=$((failures + 1)); fi
# update-grub's source (a kernel update runs it): /etc/grub.d/10_tandem prints the same menu
if [ "$(sh "$tmp/root/etc/grub.d/10_tandem")" = "$(cat "$grub_cfg")" ] && [ -x "$tmp/root/etc/grub.d/10_tandem" ]; then
  echo "ok: /etc/grub.d/10_tandem gives update-grub the same grub.cfg"
else echo "FAIL: /etc/grub.d/10_tandem: $(sh "$tmp/root/etc/grub.d/10_tandem" | diff - "$grub_cfg" | head -n 5)"; failures=$((failures + 1)); fi
write_grub_keymap "$tmp/us-root" us
write_grub_config "$tmp/root" 0123-uuid us
if [ ! -e "$tmp/us-root/boot/grub/layouts" ] && ! grep -q 'keymap\|at_keyboard' "$grub_cfg"; then
  echo "ok: tandem.keyboard=us: no GRUB keymap, the firmware's input alone"
else echo "FAIL: a GRUB keymap for us: $(grep 'keymap\|at_keyboard' "$grub_cfg")"; failures=$((failures + 1)); fi
sshd_conf="$tmp/root/etc/ssh/sshd_config.d/10-tandem.conf"
if grep -qx 'PermitRootLogin no' "$sshd_conf" && grep -qx 'AllowUsers tandem-admin' "$sshd_conf" \
    && [ "$(cat "$tmp/root/home/tandem-admin/.ssh/authorized_keys")" = "$key_line" ] \
    && [ "$(stat -c %a "$tmp/root/home/tandem-admin/.ssh" "$tmp/root/home/tandem-admin/.ssh/authorized_keys" | tr '\n' ' ')" = "700 600 " ]; then
  echo "ok: SSH lets in tandem-admin only, never root; authorized_keys 600 in .ssh 700"
else echo "FAIL: sshd config or authorized_keys: $(cat "$sshd_conf")"; failures=$((failures + 1)); fi
if grep -qx 'PermitRootLogin no' "$here/overlay/etc/ssh/sshd_config.d/10-tandem.conf" \
    && grep -qx 'PasswordAuthentication no' "$here/overlay/etc/ssh/sshd_config.d/10-tandem.conf"; then
  echo "ok: the image's own sshd settings: no root, no passwords (it has no admin account)"
else echo "FAIL: overlay/etc/ssh/sshd_config.d/10-tandem.conf"; failures=$((failures + 1)); fi

# The firewall (issue 21): the image ships /etc/nftables.d/tandem-ports.nft as the helper writes it for Tandem's
# default ports (the request Tandem hands it at start), so the first start finds it unchanged and reloads nothing.
mkdir -p "$tmp/fw/etc"
cp -r "$here/overlay/etc/nftables.conf" "$here/overlay/etc/nftables.d" "$tmp/fw/etc/"
printf '%s\n' 'udp 5060 sip' 'tcp 5060 sip' 'tcp 5061 sip-tls' 'udp 10000-20000 rtp' 'udp 3478 stun' 'tcp 8080 http' \
  'tcp 8443 https' 'udp 69 tftp' > "$tmp/ports"
if TANDEM_NETWORK_ROOT="$tmp/fw" TANDEM_NETWORK_COMMANDS="$tmp/fw/commands" sh "$here/../installer/src/deb/lib/network-apply" \
    ports "$tmp/ports" && [ "$(cat "$tmp/fw/var/lib/tandem-network/ports-status")" = "unchanged 8" ] \
    && [ ! -e "$tmp/fw/commands" ] && ! grep -qE 'dport .* accept comment "(SIP|HTTP|TFTP|STUN|RTP)' "$here/overlay/etc/nftables.conf"; then
  echo "ok: the image's tandem-ports.nft is what Tandem's default ports become; nftables.conf opens no port itself"
else echo "FAIL: overlay/etc/nftables.d/tandem-ports.nft differs from what network-apply writes for the default ports"
  failures=$((failures + 1)); fi

[ "$failures" = 0 ] || { echo "cmdline-test: $failures failed"; exit 1; }
echo "cmdline-test: all passed"
