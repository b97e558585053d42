// The Linux calls Swift's Glibc module does not export (epoll, eventfd, accept4), behind plain
// functions: epoll_event is a packed struct on x86-64, which Swift cannot read safely, so
// events cross as an unpacked pair.
#ifndef C_SWITCHBOARD_SYSTEM_H
#define C_SWITCHBOARD_SYSTEM_H

#include <stdint.h>
#include <sys/socket.h>

/// Event bits, as epoll defines them.
enum {
  SB_EVENT_IN = 0x001,
  SB_EVENT_OUT = 0x004,
  SB_EVENT_ERR = 0x008,
  SB_EVENT_HUP = 0x010,
  SB_EVENT_RDHUP = 0x2000,
};

/// One ready file descriptor and its event bits.
typedef struct {
  uint32_t events;
  int32_t fd;
} sb_event;

/// epoll_create1(EPOLL_CLOEXEC).
int sb_epoll_create(void);
/// Adds (op 1), modifies (op 3) or removes (op 2) `fd` with `events`.
int sb_epoll_ctl(int epfd, int op, int fd, uint32_t events);
/// epoll_wait into unpacked events.
int sb_epoll_wait(int epfd, sb_event *events, int max_events, int timeout_ms);
/// eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC).
int sb_eventfd(void);
/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC.
int sb_accept(int fd, struct sockaddr *address, socklen_t *length);

#endif
