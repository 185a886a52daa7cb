#!/usr/bin/env bash
# Builds the installable Tandem ISO from Debian packages: debootstrap bookworm (with bookworm-updates
# and bookworm-security applied), the Tandem .deb, live-boot, squashfs, and grub-mkrescue for a hybrid
# BIOS + UEFI image with a serial console and the menu "Try live" / "Install Tandem to disk".
#
#   iso/build.sh                       # uses installer/target/tandem_*_all.deb (./mvnw package first)
#   iso/build.sh --deb FILE --out FILE --mirror URL
#   iso/build.sh --base-only           # only debootstrap into the cache
#
# Needs root, the Debian mirror, and the host packages debootstrap squashfs-tools xorriso mtools
# dosfstools grub-pc-bin grub-efi-amd64-bin (installed here when missing). The UEFI boot of the ISO is
# Debian's signed shim + GRUB taken from the image (shim-signed, grub-efi-amd64-signed), so it boots
# with Secure Boot on; the installed system gets the same chain from tandem-install. The debootstrap
# result is cached in iso/target/cache (keyed by suite and package list), so a rebuild after a .deb
# change takes minutes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
target="$here/target"
suite=bookworm
mirror=""
deb=""
out=""
base_only=0

while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --base-only) base_only=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s build.sh: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "build.sh: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mounts). Run it as root or with sudo."

# The mirror apt already uses here, so the image comes from the same (reachable) registry.
if [ -z "$mirror" ]; then
  mirror=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi
mirror=${mirror%/}
security_mirror="${mirror%/debian}/debian-security"

if [ "$base_only" = 1 ]; then
  :
elif [ -z "$deb" ]; then
  deb=$(find "$top/installer/target" -maxdepth 1 -name 'tandem_*_all.deb' -printf '%T@ %p\n' 2>/dev/null \
    | sort -n | tail -n1 | cut -d' ' -f2-)
  [ -n "$deb" ] || die "no installer/target/tandem_*_all.deb; build it first: ./mvnw -DskipTests package"
fi
[ "$base_only" = 1 ] || [ -f "$deb" ] || die "no such .deb: $deb"
version=$([ "$base_only" = 1 ] || dpkg-deb -f "$deb" Version)
out=${out:-"$target/tandem-${version//\~/-}-amd64.iso"}

host_tools=(debootstrap:debootstrap mksquashfs:squashfs-tools xorriso:xorriso mformat:mtools
  grub-mkrescue:grub-common mkfs.vfat:dosfstools)
missing=()
for pair in "${host_tools[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ -d /usr/lib/grub/i386-pc ] || missing+=(grub-pc-bin)
[ -d /usr/lib/grub/x86_64-efi ] || missing+=(grub-efi-amd64-bin)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing host packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Packages of the appliance system besides Tandem's own dependencies (which apt pulls from the .deb).
# whiptail: the installer's screens; console-setup, keyboard-configuration, kbd: the console's keyboard layout
# (issue 21, item 7; console-setup's ckbcomp also makes GRUB's keymap, with grub-kbdcomp from grub-common); sudo and openssh-server (off until the web UI switches it on): the admin account's way in (item 4).
extra_packages=(shim-signed grub-efi-amd64-signed nftables systemd-timesyncd unattended-upgrades
  firmware-linux-nonfree firmware-misc-nonfree firmware-amd-graphics firmware-realtek firmware-bnx2
  firmware-bnx2x whiptail console-setup keyboard-configuration kbd sudo openssh-server openssh-sftp-server)
packages=(linux-image-amd64 live-boot systemd-sysv udev kmod iproute2 iputils-ping procps less nano
  ca-certificates grub-pc-bin grub-efi-amd64-bin grub2-common dosfstools fdisk e2fsprogs
  initramfs-tools zstd default-jre-headless mariadb-server curl)
key=$(printf '%s\n' "$suite" "$mirror" "${packages[@]}" | sha256sum | cut -c1-12)
cache="$target/cache/base-$key.tar"
work="$target/work"
root="$work/rootfs"

unmount_all() {
  for m in run sys proc dev/pts dev; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m" || true; fi
  done
}
trap unmount_all EXIT

unmount_all
rm -rf "$work"
mkdir -p "$root" "$target/cache"

start=$(date +%s)
if [ -f "$cache" ]; then
  say "base system from cache $cache"
  tar -C "$root" -xpf "$cache"
else
  say "debootstrap $suite from $mirror (a few minutes)"
  debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" \
    "$suite" "$root" "$mirror" > "$target/debootstrap.log" 2>&1 \
    || { tail -n 30 "$target/debootstrap.log" >&2; die "debootstrap failed (full log: $target/debootstrap.log)"; }
  tar -C "$root" -cpf "$cache.tmp" . && mv "$cache.tmp" "$cache"
fi
if [ "$base_only" = 1 ]; then
  say "base system cached in $cache"
  exit 0
fi

mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs tmpfs "$root/run"

# non-free-firmware: the firmware of common NICs and graphics (Realtek, Broadcom, AMD, Intel, ...).
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main non-free-firmware
deb $mirror $suite-updates main non-free-firmware
deb $security_mirror $suite-security main non-free-firmware
EOF
# Nothing starts inside the build chroot (Debian policy-rc.d, exit 101 = action forbidden).
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

say "applying $suite-updates and $suite-security, installing $(basename "$deb")"
cp "$deb" "$root/tmp/tandem.deb"
{
  in_root apt-get update
  in_root apt-get -y -o Dpkg::Options::=--force-confold dist-upgrade
  in_root apt-get -y --no-install-recommends install /tmp/tandem.deb
  # Outside the cached debootstrap list, so adding one does not redo debootstrap: the signed boot
  # chain for Secure Boot, firewall, NTP, security upgrades, and firmware for real hardware.
  in_root apt-get -y --no-install-recommends install "${extra_packages[@]}"
} > "$target/apt.log" 2>&1 || { tail -n 30 "$target/apt.log" >&2; die "apt in the image failed (full log: $target/apt.log)"; }

# One kernel: the dist-upgrade adds the newest next to debootstrap's; the image and every installed
# system would carry (and boot menus offer) both.
newest_kernel=$(find "$root/boot" -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -n1)
# shellcheck disable=SC2016 # dpkg-query's own ${Package} syntax
old_kernels=$(in_root dpkg-query -W -f '${Package} ${Status}\n' 'linux-image-[0-9]*' \
  | awk -v keep="linux-image-$newest_kernel" '$NF == "installed" && $1 != keep { print $1 }')
if [ -n "$old_kernels" ]; then
  say "removing older kernels: $(echo "$old_kernels" | tr '\n' ' ')(keeping $newest_kernel)"
  # shellcheck disable=SC2086 # one package name per word
  in_root apt-get -y purge $old_kernels >> "$target/apt.log" 2>&1 \
    || { tail -n 30 "$target/apt.log" >&2; die "removing the older kernels failed (full log: $target/apt.log)"; }
fi
[ "$(find "$root/boot" -name 'vmlinuz-*' | wc -l)" = 1 ] || die "more than one kernel in the image: $(ls "$root/boot")"

# The package's life cycle with the real dpkg, in this throwaway root: remove keeps data and settings,
# a reinstall finds them, purge deletes them, and a fresh install enables the service again.
lifecycle_check() {
  echo probe > "$root/var/lib/tandem/lifecycle-probe" || return 1
  in_root dpkg -r tandem || return 1
  [ -f "$root/var/lib/tandem/lifecycle-probe" ] || { echo "remove deleted /var/lib/tandem"; return 1; }
  [ -f "$root/etc/tandem/application.yml" ] || { echo "remove deleted the conffile"; return 1; }
  in_root dpkg -i /tmp/tandem.deb || return 1
  [ -f "$root/var/lib/tandem/lifecycle-probe" ] || { echo "reinstall lost /var/lib/tandem"; return 1; }
  in_root dpkg --purge tandem || return 1
  [ ! -e "$root/var/lib/tandem" ] || { echo "purge kept /var/lib/tandem"; return 1; }
  [ ! -e "$root/etc/tandem" ] || { echo "purge kept /etc/tandem"; return 1; }
  in_root dpkg -i /tmp/tandem.deb || return 1
  [ -L "$root/etc/systemd/system/multi-user.target.wants/tandem.service" ] || { echo "tandem.service not enabled"; return 1; }
  [ ! -L "$root/etc/systemd/system/tandem.service" ] || { echo "tandem.service still masked"; return 1; }
}
say "checking remove / reinstall / purge / install of the .deb with dpkg in the image"
lifecycle_check > "$target/lifecycle.log" 2>&1 || { tail -n 20 "$target/lifecycle.log" >&2; die "package life cycle check failed (log: $target/lifecycle.log)"; }
rm -f "$root/tmp/tandem.deb"
# Last, as it turns /etc/resolv.conf (still the build host's) into the DHCP-fed stub resolver's.
in_root apt-get -y --no-install-recommends install systemd-resolved >> "$target/apt.log" 2>&1 \
  || { tail -n 30 "$target/apt.log" >&2; die "installing systemd-resolved failed (full log: $target/apt.log)"; }

say "configuring the appliance system"
cp -a "$here/overlay/." "$root/"
chmod 755 "$root/usr/sbin/tandem-install"
echo tandem > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\ttandem\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
chmod 755 "$root/usr/lib/tandem-live-notice"
in_root systemctl enable systemd-networkd.service tandem-installer.service serial-getty@ttyS0.service \
  tandem-live-notice.service nftables.service systemd-timesyncd.service unattended-upgrades.service \
  tandem-ssh-host-keys.service >/dev/null 2>&1
# SSH off, on the live system and on every installed one, until the web UI switches it on; and no host keys in the
# image (openssh-server's postinst made some): each system makes its own at first boot (tandem-ssh-host-keys.service).
in_root systemctl disable ssh.service ssh.socket >/dev/null 2>&1 || die "cannot disable ssh.service and ssh.socket in the image"
rm -f "$root"/etc/ssh/ssh_host_*
# MariaDB on 127.0.0.1 only: its socket units (enabled by the package) listen on 3306 on every
# interface and hand that to mariadbd, which then ignores bind-address. mariadb.service alone starts it.
in_root systemctl disable mariadb.socket mariadb-extra.socket >/dev/null 2>&1 || true
in_root systemctl mask mariadb.socket mariadb-extra.socket >/dev/null 2>&1
in_root systemctl enable mariadb.service >/dev/null 2>&1
# What real hardware and a LAN need of the image, checked here where it is cheap to see.
image_checks() {
  local unit state kernel_pkg source
  for unit in nftables.service systemd-timesyncd.service unattended-upgrades.service mariadb.service \
      tandem-live-notice.service; do
    state=$(in_root systemctl is-enabled "$unit" 2>/dev/null || true)
    [ "$state" = enabled ] || { echo "$unit is '$state', not enabled"; return 1; }
  done
  for unit in mariadb.socket mariadb-extra.socket; do
    state=$(in_root systemctl is-enabled "$unit" 2>/dev/null || true)
    [ "$state" = masked ] || { echo "$unit is '$state', not masked"; return 1; }
  done
  for unit in tandem-ssh-host-keys.service keyboard-setup.service console-setup.service; do
    state=$(in_root systemctl is-enabled "$unit" 2>/dev/null || true)
    [ "$state" = enabled ] || { echo "$unit is '$state', not enabled"; return 1; }
  done
  for unit in ssh.service ssh.socket; do
    state=$(in_root systemctl is-enabled "$unit" 2>/dev/null || true)
    [ "$state" = disabled ] || { echo "$unit is '$state', not disabled (SSH stays off until the web UI turns it on)"; return 1; }
  done
  if compgen -G "$root/etc/ssh/ssh_host_*" >/dev/null; then echo "SSH host keys in the image: $(ls "$root"/etc/ssh/ssh_host_*)"; return 1; fi
  for command in whiptail setupcon loadkeys sudo sshd ssh-keygen grub-kbdcomp ckbcomp; do
    in_root sh -c "command -v $command" >/dev/null || { echo "no $command in the image"; return 1; }
  done
  [ -f "$root/usr/lib/tandem-installer/questions.sh" ] || { echo "no installer library /usr/lib/tandem-installer"; return 1; }
  # GRUB's keyboard layout on the installed system (issue 21, item 7): the installer converts the layout with
  # grub-kbdcomp (grub-common + console-setup's ckbcomp); BIOS GRUB loads it with these modules
  in_root grub-kbdcomp -o /tmp/de.gkb de >/dev/null 2>&1 || true
  if [ "$(head -c 8 "$root/tmp/de.gkb" 2>/dev/null)" != GRUBLAYO ]; then
    echo "grub-kbdcomp makes no GRUB keymap for de in the image"; return 1
  fi
  rm -f "$root/tmp/de.gkb"
  for module in at_keyboard keylayouts; do
    [ -f "$root/usr/lib/grub/i386-pc/$module.mod" ] || { echo "no GRUB module $module for BIOS in the image"; return 1; }
  done
  kernel_pkg=$(in_root dpkg-query -S "/boot/vmlinuz-$newest_kernel" | cut -d: -f1)
  # shellcheck disable=SC2016 # dpkg-query's own ${Source} syntax
  source=$(in_root dpkg-query -W -f '${Source}' "$kernel_pkg" | cut -d' ' -f1)
  [ "$source" = linux-signed-amd64 ] || { echo "kernel $kernel_pkg is built from '$source', not the signed linux-signed-amd64"; return 1; }
  grep -q '^bind-address *= *127.0.0.1' "$root/etc/mysql/mariadb.conf.d/60-tandem.cnf" || { echo "no bind-address 127.0.0.1"; return 1; }
  # Tandem's default ports until its first start hands the helper its own (issue 21: the firewall follows them)
  [ "$(grep -c '^add rule inet tandem input ' "$root/etc/nftables.d/tandem-ports.nft" 2>/dev/null)" = 8 ] \
    || { echo "no /etc/nftables.d/tandem-ports.nft with Tandem's 8 default ports"; return 1; }
  in_root nft -c -f /etc/nftables.conf || { echo "/etc/nftables.conf (with /etc/nftables.d) does not parse"; return 1; }
  echo "enabled: nftables timesyncd unattended-upgrades mariadb live-notice ssh-host-keys keyboard-setup;" \
    "mariadb sockets masked; ssh disabled, no host keys; one kernel ($kernel_pkg, from $source); GRUB keymaps (grub-kbdcomp)"
}
image_checks > "$target/image-checks.log" 2>&1 || { cat "$target/image-checks.log" >&2; die "image check failed (log: $target/image-checks.log)"; }
say "image checks: $(tail -n1 "$target/image-checks.log")"
# The live system lets root log in on the console without a password; the installer locks root on
# the installed system (or sets the password it was given).
in_root passwd -d root >/dev/null
# Every installed system makes its own machine id, database password, keys and admin password at
# first boot: nothing of that kind may be baked into the image.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id" "$root/etc/tandem/database.properties"
find "$root/var/lib/tandem" -mindepth 1 -delete 2>/dev/null || true
# ...but the web UI's network spool that postinst made stays: without it the Network page is read-only
# and tandem-install keeps no network settings (issue 21)
install -d -m 0750 "$root/var/lib/tandem/network"
in_root chown tandem:tandem /var/lib/tandem/network
in_root update-initramfs -u -k all > "$target/initramfs.log" 2>&1 \
  || { tail -n 20 "$target/initramfs.log" >&2; die "update-initramfs failed"; }
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root/usr/sbin/policy-rc.d" "$root"/tmp/* "$root"/var/log/*.log
unmount_all

say "squashfs"
staging="$work/iso"
mkdir -p "$staging/live" "$staging/boot/grub"
kernel=$(find "$root/boot" -name 'vmlinuz-*' | sort -V | tail -n1)
cp "$kernel" "$staging/live/vmlinuz"
cp "$root/boot/initrd.img-${kernel##*/vmlinuz-}" "$staging/live/initrd.img"
mksquashfs "$root" "$staging/live/filesystem.squashfs" -comp zstd -Xcompression-level 6 -noappend \
  -e boot/efi > "$target/squashfs.log" 2>&1 || { tail "$target/squashfs.log" >&2; die "mksquashfs failed"; }
sed "s/@VERSION@/$version/g" "$here/grub.cfg" > "$staging/boot/grub/grub.cfg"
# Debian's signed GRUB for CDs finds its medium by /.disk/info, then reads /boot/grub/grub.cfg.
mkdir -p "$staging/.disk"
echo "Tandem $version amd64 (Debian $suite)" > "$staging/.disk/info"

say "grub-mkrescue (BIOS + UEFI with Debian's signed shim and GRUB)"
# The UEFI El Torito image (also the ISO's EFI partition on a USB stick): shim signed by Microsoft's
# UEFI CA, Debian's signed GRUB for CDs (gcdx64) as the grubx64.efi shim starts, MokManager.
efi_img="$work/efi-signed.img"
shim="$root/usr/lib/shim/shimx64.efi.signed"
signed_grub="$root/usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed"
mok="$root/usr/lib/shim/mmx64.efi.signed"
for f in "$shim" "$signed_grub" "$mok"; do [ -f "$f" ] || die "no $f in the image (shim-signed, grub-efi-amd64-signed)"; done
rm -f "$efi_img"
mkfs.vfat -C -n TANDEM_EFI "$efi_img" 8192 >/dev/null
mmd -i "$efi_img" ::/EFI ::/EFI/BOOT
mcopy -i "$efi_img" "$shim" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$efi_img" "$signed_grub" ::/EFI/BOOT/grubx64.efi
mcopy -i "$efi_img" "$mok" ::/EFI/BOOT/mmx64.efi
# grub-mkrescue has no option for its EFI image: its xorriso call gets the signed one put in place
# of the unsigned efi.img it made in its temporary tree (the directory after -r).
cat > "$work/xorriso-signed-efi" <<WRAPPER
#!/bin/sh
prev=""
for arg in "\$@"; do
  if [ "\$prev" = -r ]; then cp "$efi_img" "\$arg/efi.img" || exit 1; fi
  prev=\$arg
done
exec xorriso "\$@"
WRAPPER
chmod 755 "$work/xorriso-signed-efi"
mkdir -p "$(dirname "$out")"
grub-mkrescue --xorriso="$work/xorriso-signed-efi" -o "$out" "$staging" -- -volid TANDEM > "$target/grub-mkrescue.log" 2>&1 \
  || { tail "$target/grub-mkrescue.log" >&2; die "grub-mkrescue failed"; }
if ! xorriso -osirrox on -indev "$out" -extract /efi.img "$work/efi-check.img" >/dev/null 2>&1 \
    || ! cmp -s "$efi_img" "$work/efi-check.img"; then
  die "the ISO's EFI image is not the signed one"
fi
rm -rf "$work"
say "built $out ($(du -m "$out" | cut -f1) MiB) in $(( $(date +%s) - start )) s"
