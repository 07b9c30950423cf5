# tenfour-relay %post: the service's own system user and config folder; restart on upgrade
# ($1 >= 2). The service is never enabled here.
getent group tenfour-relay >/dev/null || groupadd --system tenfour-relay
getent passwd tenfour-relay >/dev/null || useradd --system --gid tenfour-relay \
  --home-dir /nonexistent --no-create-home --shell /sbin/nologin --comment "Tenfour relay" tenfour-relay
[ -d /etc/tenfour ] || install -d -m 0750 -o root -g tenfour-relay /etc/tenfour
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || :
  [ "$1" -ge 2 ] && systemctl try-restart tenfour-relay.service || :
fi
exit 0
