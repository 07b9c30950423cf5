# tenfour-relay %postun: let systemd forget the removed unit file.
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || :
fi
exit 0
