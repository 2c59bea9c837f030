#include "live-traffic.h"

#include "models/group/delivery-mode.h"
#include "models/group/group-header.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <ostream>
#include <sched.h>
#include <stdexcept>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace gcsim
{

namespace
{

/// A descriptor closed when it goes.
class Fd
{
public:
    explicit Fd(int fd = -1)
      : m_fd(fd)
    {
    }

    ~Fd()
    {
        if (m_fd >= 0)
        {
            ::close(m_fd);
        }
    }

    Fd(Fd&& other) noexcept
      : m_fd(other.m_fd)
    {
        other.m_fd = -1;
    }

    Fd& operator=(Fd&&) = delete;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int Get() const
    {
        return m_fd;
    }

private:
    int m_fd;
};

[[noreturn]] void
Fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

int64_t
RealNs()
{
    timespec t{};
    ::clock_gettime(CLOCK_REALTIME, &t);
    return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec;
}

sockaddr_in
SocketAddress(const std::string& address, uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &a.sin_addr);
    return a;
}

void
SetOption(int fd, int level, int name, int value, const char* what)
{
    if (::setsockopt(fd, level, name, &value, sizeof value) != 0)
    {
        Fail(what);
    }
}

/// A UDP socket made inside namespace \p netns (it stays there), bound to \p address:port.
Fd
SocketIn(const std::string& netns, const std::string& address, uint16_t port)
{
    Fd home(::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC));
    Fd there(::open(("/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC));
    if (home.Get() < 0 || there.Get() < 0)
    {
        Fail("cannot open network namespace " + netns);
    }
    if (::setns(there.Get(), CLONE_NEWNET) != 0)
    {
        Fail("cannot enter network namespace " + netns);
    }
    Fd s(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    int socketErrno = errno;
    if (::setns(home.Get(), CLONE_NEWNET) != 0)
    {
        Fail("cannot return to gcsim's network namespace");
    }
    if (s.Get() < 0)
    {
        errno = socketErrno;
        Fail("cannot make a socket in " + netns);
    }
    SetOption(s.Get(), SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    sockaddr_in a = SocketAddress(address, port);
    if (::bind(s.Get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    {
        Fail("cannot bind " + address + ":" + std::to_string(port) + " in " + netns);
    }
    return s;
}

using Copy = LiveCopy;

/// Every socket of one live mode: P1's sender and a receiver per client.
class LiveSockets
{
public:
    LiveSockets(const Scenario& scenario, const LiveNetwork& network)
      : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    {
        const auto& hosts = network.Hosts();
        const uint16_t port = scenario.group.port;
        m_p1 = std::make_unique<Fd>(SocketIn(hosts[0].netns, hosts[0].address, port));
        SetOption(m_p1->Get(), SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST");
        SetOption(m_p1->Get(), IPPROTO_IP, IP_MULTICAST_TTL, 1, "IP_MULTICAST_TTL");
        SetOption(m_p1->Get(), IPPROTO_IP, IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
        std::vector<bool> member(hosts.size(), false);
        for (uint32_t m : scenario.group.members)
        {
            member[m] = true;
        }
        for (std::size_t i = 1; i < hosts.size(); ++i)
        {
            m_clients.push_back(SocketIn(hosts[i].netns, "0.0.0.0", port));
            int fd = m_clients.back().Get();
            SetOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
            SetOption(fd, IPPROTO_IP, IP_RECVTTL, 1, "IP_RECVTTL");
            SetOption(fd, SOL_SOCKET, SO_RCVBUF, 1 << 22, "SO_RCVBUF");
            if (member[i])
            {
                Join(fd, scenario, hosts[i].address);
            }
            epoll_event e{};
            e.events = EPOLLIN;
            e.data.u32 = static_cast<uint32_t>(i);
            ::epoll_ctl(m_epoll.Get(), EPOLL_CTL_ADD, fd, &e);
        }
    }

    /// Sends \p bytes to \p address from P1; returns the clock just before.
    int64_t Send(const std::vector<uint8_t>& bytes, const std::string& address, uint16_t port)
    {
        sockaddr_in to = SocketAddress(address, port);
        int64_t now = RealNs();
        if (::sendto(m_p1->Get(), bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to),
                     sizeof to) < 0)
        {
            Fail("P1 cannot send to " + address);
        }
        return now;
    }

    /// Receives what arrives within \p timeoutMs (0: what is there) into \p copies.
    void Receive(int timeoutMs, std::vector<Copy>& copies)
    {
        epoll_event events[64];
        int n = ::epoll_wait(m_epoll.Get(), events, 64, std::max(0, timeoutMs));
        for (int k = 0; k < n; ++k)
        {
            Drain(events[k].data.u32, copies);
        }
    }

private:
    static void Join(int fd, const Scenario& scenario, const std::string& address)
    {
        ip_mreq m{};
        m.imr_multiaddr.s_addr = htonl(scenario.group.address.Get());
        ::inet_pton(AF_INET, address.c_str(), &m.imr_interface);
        if (::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) != 0)
        {
            Fail("cannot join the group at " + address);
        }
    }

    void Drain(uint32_t client, std::vector<Copy>& copies)
    {
        uint8_t buf[65536];
        alignas(cmsghdr) char control[256];
        while (true)
        {
            iovec iov{buf, sizeof buf};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            ssize_t n = ::recvmsg(m_clients[client - 1].Get(), &msg, 0);
            if (n < 0)
            {
                return; // EAGAIN: nothing more
            }
            Copy c;
            c.client = client;
            c.recvReal = RealNs();
            c.bytes = static_cast<uint32_t>(n);
            for (cmsghdr* h = CMSG_FIRSTHDR(&msg); h; h = CMSG_NXTHDR(&msg, h))
            {
                if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SO_TIMESTAMPNS)
                {
                    timespec t{};
                    std::memcpy(&t, CMSG_DATA(h), sizeof t);
                    c.recvReal = int64_t(t.tv_sec) * 1000000000 + t.tv_nsec;
                }
                else if (h->cmsg_level == IPPROTO_IP && h->cmsg_type == IP_TTL)
                {
                    int ttl = 0;
                    std::memcpy(&ttl, CMSG_DATA(h), sizeof ttl);
                    c.hops = static_cast<uint32_t>(64 - ttl + 1);
                }
            }
            if (n >= static_cast<ssize_t>(ns3::gcsim::GroupHeader::SERIALIZED_SIZE))
            {
                ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(buf, static_cast<uint32_t>(n));
                ns3::gcsim::GroupHeader header;
                p->RemoveHeader(header);
                c.origin = header.GetOrigin();
                c.message = header.GetMessage();
                copies.push_back(c);
            }
        }
    }

    Fd m_epoll;
    std::unique_ptr<Fd> m_p1;
    std::vector<Fd> m_clients; //!< client n at n - 1
};

/// The addresses P1 sends one message to in \p mode.
std::vector<std::string>
SendAddresses(const LiveNetwork& network, const std::string& mode,
              const std::vector<uint32_t>& destinations)
{
    if (mode == "multicast")
    {
        return {network.GroupAddress()};
    }
    if (mode == "broadcast")
    {
        return {"255.255.255.255"}; // as the simulation's P1 sends on one segment
    }
    std::vector<std::string> to;
    for (uint32_t d : destinations)
    {
        to.push_back(network.Hosts().at(d).address);
    }
    return to;
}

/// The destinations of \p mode, as the simulation's delivery mode names them.
std::vector<uint32_t>
Destinations(const Scenario& scenario, const std::string& mode)
{
    ns3::gcsim::GroupDirectory dir;
    for (uint32_t n = 1; n <= scenario.topology.clients; ++n)
    {
        dir.clients.emplace_back(ns3::Ipv4Address(0x0a000001 + n));
    }
    dir.members = scenario.group.members;
    dir.group = scenario.group.address;
    dir.port = scenario.group.port;
    return ns3::gcsim::CreateDeliveryMode(mode)->Destinations(dir, scenario.group.target);
}

/// Sends every message on time, receiving in between; returns each message's send clock.
std::vector<int64_t>
SendAll(const Scenario& scenario, const std::vector<std::string>& to, LiveSockets& sockets,
        std::vector<Copy>& copies, int64_t firstReal, LiveTiming& timing)
{
    const auto& t = scenario.traffic;
    std::vector<int64_t> sent;
    int64_t lateSum = 0;
    for (uint32_t k = 0; k < t.messages; ++k)
    {
        int64_t planned = firstReal + int64_t(k) * t.interval.GetNanoSeconds();
        // Made before its instant, so that the send is not late by the making.
        ns3::gcsim::GroupHeader header;
        header.SetKind(ns3::gcsim::GroupHeader::GROUP_MESSAGE);
        header.SetOrigin(0);
        header.SetMessage(k);
        header.SetSendTime(t.start + k * t.interval); // planned; receivers time by the clock
        ns3::Ptr<ns3::Packet> p = ns3::gcsim::MakeDatagram(header, "", t.size);
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        for (int64_t now = RealNs(); now < planned; now = RealNs())
        {
            int64_t waitNs = planned - now;
            sockets.Receive(waitNs > 2000000 ? int(waitNs / 1000000) - 1 : 0, copies);
        }
        int64_t first = 0;
        for (std::size_t i = 0; i < to.size(); ++i)
        {
            int64_t at = sockets.Send(bytes, to[i], scenario.group.port);
            first = i == 0 ? at : first;
        }
        sent.push_back(first);
        lateSum += first - planned;
        timing.lateMaxNs = std::max(timing.lateMaxNs, first - planned);
    }
    timing.lateMeanNs = sent.empty() ? 0 : lateSum / int64_t(sent.size());
    return sent;
}

/// Receives until every destination has every message (and 100 ms more, for copies that are
/// not due), or the drain time (at most 2 s) has passed.
void
ReceiveRest(const Scenario& scenario, std::size_t expected, LiveSockets& sockets,
            std::vector<Copy>& copies)
{
    int64_t drain = std::min<int64_t>(scenario.traffic.drain.GetNanoSeconds(), 2000000000);
    int64_t end = RealNs() + drain;
    int64_t quiet = RealNs() + 100000000;
    while (RealNs() < end)
    {
        sockets.Receive(10, copies);
        if (copies.size() >= expected && RealNs() > quiet)
        {
            return;
        }
    }
}

/// links.csv rows and LinkCounts from the bridge's counters: on a lan, what each host put on
/// the segment; on a star, both directions of every port.
ns3::gcsim::LinkCounts
CountLinks(const Scenario& scenario, const LiveNetwork& network, const std::string& mode,
           const std::vector<LivePortCounts>& ports, std::ostream* csv)
{
    const bool lan = scenario.topology.kind == "lan";
    const uint64_t frameBytes = std::max<uint64_t>(64, scenario.traffic.size + 28 + 18);
    const double messages = std::max<uint32_t>(1, scenario.traffic.messages);
    ns3::gcsim::LinkCounts l;
    uint64_t used = 0;
    double copies = 0;
    auto add = [&](const std::string& link, const std::string& from, const std::string& to,
                   uint64_t frames)
    {
        if (csv)
        {
            *csv << mode << ',' << link << ',' << from << ',' << to << ',' << frames << ','
                 << frames * frameBytes << ",0\n";
        }
        l.frames += frames;
        l.bytes += frames * frameBytes;
        if (frames > 0)
        {
            ++used;
            copies += double(frames) / messages;
            l.stressMax = std::max<uint64_t>(l.stressMax, uint64_t(std::ceil(frames / messages)));
        }
    };
    for (std::size_t i = 0; i < ports.size(); ++i)
    {
        const std::string& host = network.Hosts()[i].name;
        if (lan)
        {
            add("lan0", host, "*", ports[i].framesIn);
            continue;
        }
        std::string link = "port" + std::to_string(i);
        add(link, host, "S0", ports[i].framesIn);
        add(link, "S0", host, ports[i].framesOut);
    }
    l.messageFrames = l.frames;
    l.messageBytes = l.bytes;
    l.serverFrames = ports[0].framesIn;
    l.serverBytes = ports[0].framesIn * frameBytes;
    l.stressMean = used ? copies / double(used) : 0;
    return l;
}

/// Feeds \p copies (in the order they arrived) to a DeliveryTracker on the scenario's clock.
ns3::gcsim::DeliveryCounts
CountDeliveries(const Scenario& scenario, const std::string& mode,
                const std::vector<uint32_t>& destinations, const std::vector<int64_t>& sent,
                int64_t firstReal, std::vector<Copy> copies, int64_t baselineNs, std::ostream* csv)
{
    auto clock = [&](int64_t real)
    { return scenario.traffic.start.GetNanoSeconds() + (real - firstReal); };
    ns3::gcsim::DeliveryTracker tracker(mode, scenario.group.members, scenario.topology.clients,
                                        csv);
    if (baselineNs > 0)
    {
        tracker.SetBaseline([baselineNs](uint32_t, uint32_t) { return baselineNs; });
    }
    for (uint32_t k = 0; k < sent.size(); ++k)
    {
        tracker.OriginSendAt(0, k, destinations, clock(sent[k]));
    }
    std::stable_sort(copies.begin(), copies.end(),
                     [](const Copy& a, const Copy& b) { return a.recvReal < b.recvReal; });
    for (const Copy& c : copies)
    {
        if (c.origin != 0 || c.message >= sent.size())
        {
            continue; // not this run's
        }
        ns3::gcsim::DeliveryTracker::Reception r;
        r.message = c.message;
        r.client = c.client;
        r.sendNs = clock(sent[c.message]);
        r.recvNs = clock(c.recvReal);
        r.bytes = c.bytes;
        r.hops = c.hops;
        tracker.Receive(r, nullptr);
    }
    return tracker.Finish();
}

} // namespace

LiveMeasurement
MeasureLiveMode(const Scenario& scenario, const LiveNetwork& network, const std::string& mode)
{
    LiveMeasurement m;
    m.mode = mode;
    timespec res{};
    ::clock_getres(CLOCK_REALTIME, &res);
    m.timing.clockResolutionNs = int64_t(res.tv_sec) * 1000000000 + res.tv_nsec;
    LiveSockets sockets(scenario, network);
    const bool snooping = scenario.topology.kind == "star" && scenario.topology.igmpSnooping;
    if (snooping && !network.WaitForMembers(scenario.group.members, 10))
    {
        throw std::runtime_error("the bridge did not learn every member from its IGMP reports "
                                 "within 10 s");
    }
    m.destinations = Destinations(scenario, mode);
    std::vector<std::string> to = SendAddresses(network, mode, m.destinations);
    uint64_t dropsBefore = network.QueueDrops();
    network.ResetCounters();

    m.firstReal = RealNs() + 50000000; // 50 ms to settle
    m.sent = SendAll(scenario, to, sockets, m.copies, m.firstReal, m.timing);
    ReceiveRest(scenario, m.destinations.size() * m.sent.size(), sockets, m.copies);
    m.endReal = RealNs();
    m.ports = network.ReadCounters();
    m.queueDrops = network.QueueDrops() - dropsBefore;
    return m;
}

ModeResult
CountLiveMode(const Scenario& scenario, const LiveNetwork& network, const LiveMeasurement& m,
              int64_t baselineNs, std::ostream* csv, std::ostream* links)
{
    ModeResult r;
    r.mode = m.mode;
    r.destinations = m.destinations.size();
    r.delivery = CountDeliveries(scenario, m.mode, m.destinations, m.sent, m.firstReal, m.copies,
                                 baselineNs, csv);
    r.links = CountLinks(scenario, network, m.mode, m.ports, links);
    r.links.queueDiscDrops = m.queueDrops;
    std::vector<bool> member(scenario.topology.clients + 1, false);
    for (uint32_t n : scenario.group.members)
    {
        member[n] = true;
    }
    for (const Copy& c : m.copies)
    {
        ++r.hosts.receptions;
        r.hosts.nonmemberReceptions += member[c.client] ? 0 : 1;
    }
    for (uint32_t n = 1; n < m.ports.size(); ++n)
    {
        r.hosts.nicFiltered += member[n] ? 0 : m.ports[n].groupFrames;
    }
    r.simulatedNs = scenario.traffic.start.GetNanoSeconds() + (m.endReal - m.firstReal);
    return r;
}

} // namespace gcsim
