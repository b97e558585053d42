#define _GNU_SOURCE
#include "CSwitchboardSystem.h"

#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

int sb_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int sb_epoll_ctl(int epfd, int op, int fd, uint32_t events) {
  struct epoll_event event = {0};
  event.events = events;
  event.data.fd = fd;
  return epoll_ctl(epfd, op, fd, op == EPOLL_CTL_DEL ? NULL : &event);
}

int sb_epoll_wait(int epfd, sb_event *events, int max_events, int timeout_ms) {
  struct epoll_event raw[256];
  if (max_events > 256) max_events = 256;
  int count = epoll_wait(epfd, raw, max_events, timeout_ms);
  for (int i = 0; i < count; i++) {
    events[i].events = raw[i].events;
    events[i].fd = raw[i].data.fd;
  }
  return count;
}

int sb_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int sb_accept(int fd, struct sockaddr *address, socklen_t *length) {
  return accept4(fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}
