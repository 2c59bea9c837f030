#ifndef GCSIM_SEQUENCER_H
#define GCSIM_SEQUENCER_H

#include <ns3/application.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>
#include <ns3/traced-callback.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief P1's sequencer for total order (JGroups' SEQUENCER): each message a sender
 * unicasts to it goes out to the group stamped with the next global sequence number.
 */
class Sequencer : public Application
{
public:
    static TypeId GetTypeId();

    /// Signature of the Sequenced trace: the origin, its message number, the sequence number.
    typedef void (*SequencedCallback)(uint32_t origin, uint32_t message, uint32_t sequence);

private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void HandleRead(Ptr<Socket> socket);

    Ipv4Address m_group;      //!< the group's address
    uint16_t m_port{20001};   //!< the group's port
    uint16_t m_listen{20002}; //!< where senders send
    Ptr<Socket> m_socket;
    uint32_t m_next{0}; //!< the next global sequence number

    TracedCallback<uint32_t, uint32_t, uint32_t> m_sequencedTrace;
};

} // namespace gcsim
} // namespace ns3

#endif
