#!/usr/bin/env bash
# Boot test of the Tandem ISO under qemu (software emulation, one CPU, no KVM), in four runs:
#   1. live:    the ISO boots (BIOS) its default menu entry "Try live"; the appliance must answer HTTP
#               health UP, a SIP OPTIONS with 200, and the admin password shown on the console must log in.
#   2. install: unattended install to a fresh qcow2 disk, with the ISO's own kernel, initrd and squashfs
#               and the boot line of "Install Tandem to disk" plus tandem.install=/dev/vda.
#   3. disk:    the installed disk boots (UEFI, OVMF) and passes the same checks as the live run.
#   4. smoke:   the ISO shows its boot menu under UEFI, and the disk starts its kernel under BIOS.
# Ports are forwarded from free ports on 127.0.0.1 only. Serial logs and a summary stay in
# iso/target/boot-test/; the summary is also printed (it goes into iso/RESULTS.md).
#
#   iso/boot-test.sh [--iso FILE] [--keep-disk]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/target/boot-test"
iso=""
keep_disk=false
boot_timeout=${BOOT_TIMEOUT:-1500}      # seconds for a boot until health UP (software emulation)
install_timeout=${INSTALL_TIMEOUT:-2400}

while [ $# -gt 0 ]; do
  case "$1" in
    --iso) iso=$2; shift 2 ;;
    --keep-disk) keep_disk=true; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "boot-test.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { printf '%s boot-test: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { say "FAIL: $*"; summary "FAILED: $*"; exit 1; }

if [ -z "$iso" ]; then
  iso=$(find "$here/target" -maxdepth 1 -name 'tandem-*-amd64.iso' -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -n1 | cut -d' ' -f2-)
fi
if [ -z "$iso" ] || [ ! -f "$iso" ]; then echo "boot-test.sh: no ISO; build it first: iso/build.sh" >&2; exit 2; fi
for tool in qemu-system-x86_64 qemu-img xorriso curl sipsak python3; do
  command -v "$tool" >/dev/null || { echo "boot-test.sh: needs $tool (apt-get install qemu-system-x86 qemu-utils xorriso curl sipsak)" >&2; exit 2; }
done
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
[ -f "$ovmf_code" ] || { echo "boot-test.sh: needs $ovmf_code (apt-get install ovmf)" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out"
disk="$out/disk.qcow2"
results=()
test_start=$(date +%s)

summary() {
  {
    echo "ISO: $(basename "$iso"), $(du -m "$iso" | cut -f1) MiB"
    echo "qemu: $(qemu-system-x86_64 --version | head -n1), TCG software emulation, -smp 1, -m 2048"
    printf '%s\n' "${results[@]}"
    [ -f "$disk" ] && echo "installed disk: $(du -m "$disk" | cut -f1) MiB used in the qcow2 (virtual 8 GiB)"
    echo "total: $(( $(date +%s) - test_start )) s"
    echo "result: $1"
  } | tee "$out/summary.txt"
}

# A port free for both TCP and UDP on 127.0.0.1 (SIP listens on both).
free_port() {
  python3 - <<'PY'
import socket
while True:
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.bind(("127.0.0.1", 0)); port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port)); print(port); break
    except OSError:
        pass
    finally:
        t.close(); u.close()
PY
}

qemu_pid=""
stop_qemu() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
    kill "$qemu_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$qemu_pid" 2>/dev/null || true
  fi
  qemu_pid=""
}
trap stop_qemu EXIT

# start_qemu NAME QEMU-ARGS... : starts qemu in the background with the serial console in NAME.serial.log
start_qemu() {
  local name=$1; shift
  http_port=$(free_port)
  sip_port=$(free_port)
  nice -n 19 ionice -c3 qemu-system-x86_64 -accel tcg -smp 1 -m 2048 -display none -no-reboot \
    -serial "file:$out/$name.serial.log" -monitor none \
    -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$http_port-:8080,hostfwd=udp:127.0.0.1:$sip_port-:5060" \
    -device virtio-net-pci,netdev=net0 "$@" > "$out/$name.qemu.log" 2>&1 &
  qemu_pid=$!
  say "$name: qemu pid $qemu_pid, HTTP 127.0.0.1:$http_port, SIP 127.0.0.1:$sip_port (log $out/$name.serial.log)"
}

# wait_serial NAME PATTERN TIMEOUT : waits until the serial log shows PATTERN (for boot-loader smoke tests)
wait_serial() {
  local deadline=$(( $(date +%s) + $3 ))
  while ! grep -qa -- "$2" "$out/$1.serial.log" 2>/dev/null; do
    kill -0 "$qemu_pid" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 3
  done
}

# check_appliance NAME : health UP, SIP OPTIONS 200, the console's admin password logs in
check_appliance() {
  local name=$1 start deadline health="" password account
  start=$(date +%s)
  deadline=$(( start + boot_timeout ))
  while :; do
    kill -0 "$qemu_pid" 2>/dev/null || fail "$name: qemu exited (see $out/$name.serial.log)"
    health=$(curl -s -m 10 "http://127.0.0.1:$http_port/actuator/health" || true)
    case "$health" in *'"UP"'*) break ;; esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name: no health UP on HTTP within $boot_timeout s (last answer: '$health')"
    sleep 10
  done
  local up=$(( $(date +%s) - start ))
  say "$name: health UP after $up s"

  local sip_ok=false
  for _ in 1 2 3 4 5; do
    # OPTIONS to the server itself (no user part, RFC 3261 §11), sent through the forwarded port.
    if sipsak -vv -s sip:127.0.0.1 -r "$sip_port" -H 127.0.0.1 > "$out/$name.sipsak.log" 2>&1; then sip_ok=true; break; fi
    sleep 5
  done
  $sip_ok || fail "$name: no 200 to SIP OPTIONS on 127.0.0.1:$sip_port (see $out/$name.sipsak.log)"
  say "$name: SIP OPTIONS answered 200"

  # The console (serial) shows the one-time admin password via /etc/issue and the console banner.
  deadline=$(( $(date +%s) + 300 ))
  while ! password=$(grep -a -m1 -o 'Admin password: [^ ]*' "$out/$name.serial.log" | sed 's/Admin password: //' | tr -d '\r') \
      || [ -z "$password" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name: the console shows no admin password (see $out/$name.serial.log)"
    sleep 5
  done
  account=$(printf 'user = "admin:%s"\n' "$password" | curl -s -m 20 -K - "http://127.0.0.1:$http_port/api/v1/account" || true)
  case "$account" in
    *'"mustChangePassword":true'*) ;;
    *) fail "$name: the admin password from the console does not log in (answer: '$account')" ;;
  esac
  say "$name: the console's one-time admin password logs in"
  results+=("$name: health UP ${up} s after power-on; SIP OPTIONS 200; the console's admin password logs in")
}

# 1. live boot from the ISO (BIOS), default menu entry
t0=$(date +%s)
start_qemu live -cdrom "$iso" -boot d
check_appliance live
stop_qemu
results+=("live (BIOS, ISO): $(( $(date +%s) - t0 )) s from power-on to all checks passed")

# 2. unattended install: the ISO's kernel and initrd with the install entry's boot line
t0=$(date +%s)
qemu-img create -q -f qcow2 "$disk" 8G
xorriso -osirrox on -indev "$iso" -extract /live/vmlinuz "$out/vmlinuz" -extract /live/initrd.img "$out/initrd.img" >/dev/null 2>&1 \
  || fail "cannot extract the kernel from $iso"
xorriso -osirrox on -indev "$iso" -extract /boot/grub/grub.cfg "$out/grub.cfg" >/dev/null 2>&1 \
  || fail "cannot extract the boot menu from $iso"
boot_line=$(sed -n '/Install Tandem/,/}/s/^ *linux \/live\/vmlinuz //p' "$out/grub.cfg" | head -n1 | sed "s/ [$]tandem_console//")
case "$boot_line" in *tandem.install*) ;; *) fail "no 'Install Tandem' entry in the ISO's grub.cfg" ;; esac
boot_line="${boot_line/tandem.install/tandem.install=/dev/vda} tandem.hostname=tandem-test tandem.noreboot console=ttyS0,115200n8"
say "install: boot line '$boot_line'"
start_qemu install -cdrom "$iso" -drive "file=$disk,if=virtio,format=qcow2" \
  -kernel "$out/vmlinuz" -initrd "$out/initrd.img" -append "$boot_line"
deadline=$(( $(date +%s) + install_timeout ))
while kill -0 "$qemu_pid" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "install: not finished within $install_timeout s (see $out/install.serial.log)"
  sleep 10
done
qemu_pid=""
grep -qa 'Tandem is installed on /dev/vda' "$out/install.serial.log" \
  || fail "install: the installer did not report success (see $out/install.serial.log)"
results+=("install (unattended, to qcow2): $(( $(date +%s) - t0 )) s including boot and power-off")

# 3. boot the installed disk under UEFI
t0=$(date +%s)
cp "$ovmf_vars" "$out/OVMF_VARS.fd"
start_qemu disk -drive "if=pflash,format=raw,readonly=on,file=$ovmf_code" -drive "if=pflash,format=raw,file=$out/OVMF_VARS.fd" \
  -drive "file=$disk,if=virtio,format=qcow2"
check_appliance disk
grep -qa 'tandem-test login:' "$out/disk.serial.log" || fail "disk: no login prompt for host tandem-test on the serial console"
stop_qemu
results+=("installed disk (UEFI): $(( $(date +%s) - t0 )) s from power-on to all checks passed; host name tandem-test")

# 4. boot loader smoke tests: ISO menu under UEFI, installed disk kernel under BIOS
t0=$(date +%s)
cp "$ovmf_vars" "$out/OVMF_VARS.fd"
start_qemu iso-uefi -drive "if=pflash,format=raw,readonly=on,file=$ovmf_code" -drive "if=pflash,format=raw,file=$out/OVMF_VARS.fd" \
  -cdrom "$iso" -boot d
wait_serial iso-uefi 'Linux version' 600 || fail "iso-uefi: the ISO did not start its kernel under UEFI"
grep -qa 'Install Tandem' "$out/iso-uefi.serial.log" || fail "iso-uefi: no boot menu on the serial console"
stop_qemu
start_qemu disk-bios -drive "file=$disk,if=virtio,format=qcow2"
wait_serial disk-bios 'Linux version' 600 || fail "disk-bios: the installed disk did not start its kernel under BIOS"
stop_qemu
results+=("boot loaders: ISO menu + kernel under UEFI, installed disk kernel under BIOS: $(( $(date +%s) - t0 )) s")

summary "PASSED"
$keep_disk || rm -f "$disk"
