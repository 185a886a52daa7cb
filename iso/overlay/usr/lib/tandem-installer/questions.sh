# shellcheck shell=bash disable=SC2034,SC2154 # the settings are globals of settings.sh, read by tandem-install
# The installer's questions, all asked before anything is written: keyboard layout, disk, host name, time zone,
# network, admin account, then a summary to confirm or to change an answer. Each answer is checked when given
# (settings.sh) and asked again with the reason shown. Each ask_* returns 0, 1 to go back a question, 2 to give up.
# The main script defines keyboard_chosen (puts the layout in force at once).

disk_items() {  # tag/item pairs for the disk menu: every whole disk (SATA, SAS, NVMe, virtio...) with size and model
  local name size type model
  while read -r name size type model; do
    [ "$type" = disk ] || continue
    [ -z "$(disk_problem "/dev/$name")" ] || continue
    model=$(printf '%b' "$model")
    printf '%s\n%s\n' "/dev/$name" "$size  ${model:-(no model name)}"
  done < <(lsblk -d -n -r -e 1,7,11 -o NAME,SIZE,TYPE,MODEL 2>/dev/null)
}

disk_label() {  # size and model of disk $1, as the disk menu shows them
  local items i
  mapfile -t items < <(disk_items)
  for ((i = 0; i < ${#items[@]}; i += 2)); do
    if [ "${items[i]}" = "$1" ]; then echo "${items[i + 1]}"; return; fi
  done
}

ask_keyboard() {
  local answer
  answer=$(ui_menu "Keyboard layout of this console (and of the installed system):" "$keyboard" "${keyboard_layouts[@]}") \
    || return
  keyboard=$(keyboard_layout "$answer")
  keyboard_chosen "$keyboard"
}

ask_disk() {
  local items answer problem
  while :; do
    mapfile -t items < <(disk_items)
    if [ "${#items[@]}" = 0 ]; then
      ui_error "No disk to install to was found (a disk, not the medium this system runs from). Connect one and choose OK to look again"
      ui_yesno "Look for disks again?" || return
      continue
    fi
    # One disk: chosen already; else the one chosen before, if any.
    [ "${#items[@]}" = 2 ] && [ -z "$disk" ] && disk=${items[0]}
    answer=$(ui_menu "Disk to install Tandem to. EVERYTHING ON IT WILL BE ERASED (you confirm at the end):" \
      "${disk:-${items[0]}}" "${items[@]}") || return
    problem=$(disk_problem "$answer")
    if [ -z "$problem" ]; then disk=$answer; return 0; fi
    ui_error "$problem"
  done
}

# Asks PROMPT (the variable VAR's value offered) until CHECK, a *_problem function, finds nothing wrong; the answer
# goes to VAR. Back/Cancel returns the dialog's status, as every question does.
ask_checked() {
  local var=$1 prompt=$2 check=$3 answer problem
  while :; do
    answer=$(ui_input "$prompt" "${!var}") || return
    problem=$("$check" "$answer")
    if [ -z "$problem" ]; then printf -v "$var" '%s' "$answer"; return 0; fi
    ui_error "$problem"
  done
}

ask_hostname() {
  ask_checked hostname "Host name of this appliance (letters, digits and '-'; e.g. pbx1):" hostname_problem
}

ask_timezone() {
  ask_checked zone "Time zone (Area/City, e.g. Europe/Berlin, Europe/London, America/New_York, or UTC):" zone_problem
}

ask_network() {
  local mode answer problem
  while :; do
    mode=$(ui_menu "Network of this appliance:" "$([ -n "$ip" ] && echo static || echo dhcp)" \
      dhcp "DHCP: the address comes from the network's DHCP server" \
      static "Static: an address, gateway and DNS servers typed here") || return
    if [ "$mode" = dhcp ]; then ip=""; gateway=""; dns=""; return 0; fi
    while :; do  # the address, then the gateway, then the DNS servers; Back goes one field back
      answer=$(ui_input "IPv4 address with its prefix length (e.g. 192.168.1.20/24):" "$ip") || continue 2
      problem=$(ip=$answer gateway="" dns="" network_problem)
      if [ -n "$problem" ]; then ui_error "$problem"; continue; fi
      ip=$answer
      while :; do
        answer=$(ui_input "Gateway (router), e.g. 192.168.1.1 (empty: none):" "${gateway:-${ip%.*}.1}") || continue 2
        problem=$(gateway=$answer dns="" network_problem)
        if [ -n "$problem" ]; then ui_error "$problem"; continue; fi
        gateway=$answer
        while :; do
          answer=$(ui_input "DNS servers, separated by commas (e.g. $gateway,9.9.9.9):" "${dns:-$gateway}") || continue 2
          problem=$(dns=$answer network_problem)
          if [ -n "$problem" ]; then ui_error "$problem"; continue; fi
          dns=$answer
          return 0
        done
      done
    done
  done
}

ask_admin() {
  local answer problem first second
  while :; do
    answer=$(ui_input "Administrator account for the console and SSH (sudo; root stays locked). User name:" \
      "${admin:-tandem-admin}") || return
    problem=$(admin_name_problem "$answer")
    if [ -n "$problem" ]; then ui_error "$problem"; continue; fi
    admin=$answer
    while :; do
      first=$(ui_password "Password of $admin (at least 8 characters)") || continue 2
      second=$(ui_password "The password of $admin again") || continue 2
      problem=$(password_problem "$first" "$second")
      if [ -z "$problem" ]; then admin_password=$first; return 0; fi
      ui_error "$problem"
    done
  done
}

ask_quit() {  # 0: quit the installer without writing anything
  local rc=0
  ui_yesno "Quit the installer? Nothing has been written to any disk." || rc=$?
  [ "$rc" != 1 ]
}

network_label() {
  if [ -z "$ip" ]; then echo DHCP; else echo "$ip, gateway ${gateway:-none}, DNS ${dns:-none}"; fi
}

change() {  # change ASK: asks one question again from the summary (Back keeps the answer); 2 gives up
  local rc=0
  "$1" || rc=$?
  [ "$rc" -le 1 ] || return "$rc"
}

summary() {  # 0: install, 1: quit, 2: no answer can come
  local choice rc
  while :; do
    rc=0
    choice=$(ui_menu "Check the settings: choose one to change it, or Install." install \
      install "Erase $disk and install Tandem" \
      keyboard "Keyboard:     $keyboard" \
      disk "Disk:         $disk  $(disk_label "$disk")" \
      hostname "Host name:    $hostname" \
      timezone "Time zone:    $zone" \
      network "Network:      $(network_label)" \
      admin "Admin:        $admin (password set)") || rc=$?
    if [ "$rc" != 0 ]; then
      ask_quit && return 1
      continue
    fi
    case $choice in
      install)
        rc=0
        ui_yesno "All data on $disk ($(disk_label "$disk")) will be erased. Install Tandem now?" || rc=$?
        [ "$rc" != 0 ] || return 0
        [ "$rc" = 1 ] || return 2 ;;
      keyboard) change ask_keyboard || return ;;
      disk) change ask_disk || return ;;
      hostname) change ask_hostname || return ;;
      timezone) change ask_timezone || return ;;
      network) change ask_network || return ;;
      admin) change ask_admin || return ;;
    esac
  done
}

ask_all() {  # every question, then the summary: 0 to install, 1 when the admin quit, 2 when no answer can come
  local steps=(ask_keyboard ask_disk ask_hostname ask_timezone ask_network ask_admin) i=0 rc
  while [ "$i" -lt "${#steps[@]}" ]; do
    rc=0
    "${steps[i]}" || rc=$?
    case $rc in
      0) i=$((i + 1)) ;;
      1) if [ "$i" = 0 ]; then ask_quit && return 1; else i=$((i - 1)); fi ;;
      *) return "$rc" ;;
    esac
  done
  summary
}
