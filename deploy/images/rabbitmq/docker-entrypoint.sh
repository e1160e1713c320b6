#!/bin/bash
# Starts RabbitMQ the way the official image does: RABBITMQ_DEFAULT_USER and RABBITMQ_DEFAULT_PASS, the log on the
# console, the management API on 15672.
set -euo pipefail

if [[ ${1:-} != rabbitmq-server ]]; then
  exec "$@"
fi

config=/etc/rabbitmq/rabbitmq.conf
{
  echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"
  echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"
  # Clients come from outside the container: the default user may log in from anywhere.
  echo 'loopback_users = none'
  echo 'listeners.tcp.default = 5672'
  echo 'management.tcp.port = 15672'
  echo 'log.console = true'
  echo 'log.console.level = info'
  echo 'log.file = false'
} >"$config"
chown rabbitmq:rabbitmq "$config"
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq

# Debian's /usr/sbin/rabbitmq-server switches user and drops the environment; start the server itself as rabbitmq.
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server
