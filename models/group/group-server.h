#ifndef GCSIM_GROUP_SERVER_H
#define GCSIM_GROUP_SERVER_H

#include "delivery-mode.h"
#include "group-header.h"

#include <deque>
#include <map>
#include <memory>
#include <ns3/application.h>
#include <ns3/event-id.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>
#include <string>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * \brief P1, the group host: the classroom's UDP server, generalised.
 *
 * It binds its port (20001), announces "UDP server up and listening", prints each client's
 * message and answers that client with the next reply the transcript holds for it. It
 * also sends `Messages` group messages, one every `Interval` from `FirstSend` (or at the
 * times SetSendTimes() gives). Every answer and group message goes out through the
 * server's DeliveryMode.
 */
class GroupServer : public Application
{
public:
    static TypeId GetTypeId();
    GroupServer();
    ~GroupServer() override;

    /// Sets who is in the group and where clients listen.
    void SetDirectory(const GroupDirectory& directory);
    /**
     * Sets the group the GroupSend trace counts destinations from, when it differs from
     * the directory's members (a membership model whose network learns of joins and leaves
     * late: the hosts' own membership). Until called, the directory's members.
     */
    void SetGroupMembers(const std::vector<uint32_t>& members);
    /**
     * Sends one group message at each of \p times (from the application's start, ascending)
     * instead of `Messages` of them `Interval` apart from `FirstSend`.
     */
    void SetSendTimes(const std::vector<Time>& times);
    /// Queues \p reply as the answer to client \p client's next message.
    void AddReply(uint32_t client, const std::string& reply);

    /// Signature of the GroupSend trace: message number, its destinations.
    typedef void (*GroupSendCallback)(uint32_t message, const std::vector<uint32_t>& destinations);
    /// Signature of the Console trace (P1's and each GroupClient's): the line printed.
    typedef void (*ConsoleCallback)(const std::string& line);
    /// Signature of the Rx trace: the client message's datagram (its GroupHeader included),
    /// that header.
    typedef void (*RxCallback)(Ptr<const Packet> datagram, const GroupHeader& header);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;

    void HandleRead(Ptr<Socket> socket);
    void SendGroupMessage(const std::string& text, uint32_t target);
    void SendScheduled();

    uint16_t m_port{20001};     //!< port to bind
    Ptr<DeliveryMode> m_mode;   //!< how group messages travel
    uint32_t m_messages{0};     //!< group messages to send
    Time m_interval;            //!< between group messages
    Time m_firstSend;           //!< first group message, from application start
    uint32_t m_size{0};         //!< UDP payload bytes of each group message
    uint32_t m_target{1};       //!< the unicast target for group messages
    GroupDirectory m_directory; //!< addresses
    /// The group as the hosts have it, if set apart from m_directory.members.
    std::unique_ptr<std::vector<uint32_t>> m_groupMembers;
    std::map<uint32_t, std::deque<std::string>> m_replies; //!< per client, in order
    std::vector<Time> m_sendTimes; //!< SetSendTimes(); empty: the Interval schedule

    Ptr<Socket> m_socket;    //!< bound to m_port
    uint32_t m_sent{0};      //!< group messages sent so far (their numbers)
    uint32_t m_scheduled{0}; //!< scheduled group messages sent so far
    EventId m_sendEvent;     //!< next scheduled group message

    TracedCallback<const std::string&> m_consoleTrace; //!< what the server prints
    TracedCallback<uint32_t, const std::vector<uint32_t>&> m_groupSendTrace; //!< per message
    TracedCallback<Ptr<const Packet>, const GroupHeader&> m_rxTrace;         //!< client messages
};

} // namespace gcsim
} // namespace ns3

#endif
