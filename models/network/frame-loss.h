#ifndef GCSIM_FRAME_LOSS_H
#define GCSIM_FRAME_LOSS_H

#include <ns3/error-model.h>
#include <ns3/mac48-address.h>
#include <ns3/random-variable-stream.h>
#include <ns3/traced-callback.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A lossy link's receiver: loses each frame the NIC would take in with probability
 * `Rate`, independently of every other frame and every other receiver.
 *
 * Installed as a device's receive error model (behind MulticastNicFilter on a client's
 * NIC, which hands it the frames it lets through). A NIC takes in the frames addressed
 * to it: on Ethernet its own MAC, broadcast and group MACs; a switch port and a
 * point-to-point device take in every frame. A frame for another NIC on the same segment
 * is discarded by its address anyway and draws nothing. A lost frame never reaches the
 * stack and fires the Lost trace.
 */
class FrameLoss : public ErrorModel
{
public:
    /// Which frames the receiving device takes in, and so can lose.
    enum Accepts
    {
        ADDRESSED, //!< an Ethernet NIC: its own MAC, broadcast and group MACs
        EVERY,     //!< a point-to-point device or a switch port: every frame
    };

    static TypeId GetTypeId();
    FrameLoss();
    ~FrameLoss() override;

    /// A loss of \p rate (0..1) at a device that takes in \p accepts; \p own is its MAC.
    static Ptr<FrameLoss> Create(double rate, Accepts accepts, Mac48Address own);

    /// Sets the random stream of the loss draws; returns the number of streams used (1).
    int64_t AssignStreams(int64_t stream);
    /// The probability of losing a frame the device takes in.
    double GetRate() const;
    /// Frames lost so far.
    uint64_t GetLost() const;

private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    double m_rate{0};                              //!< packet error rate
    Accepts m_accepts{EVERY};                      //!< which frames can be lost
    Mac48Address m_own;                            //!< the device's MAC (ADDRESSED)
    Ptr<UniformRandomVariable> m_draw;             //!< one draw per frame taken in
    uint64_t m_lost{0};                            //!< frames lost
    TracedCallback<Ptr<const Packet>> m_lostTrace; //!< fired per lost frame
};

} // namespace gcsim
} // namespace ns3

#endif
