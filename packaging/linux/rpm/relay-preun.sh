# tenfour-relay %preun: on the last removal ($1 = 0) stop and disable the service.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
  systemctl --no-reload disable --now tenfour-relay.service || :
fi
exit 0
