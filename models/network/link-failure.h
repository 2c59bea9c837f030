#ifndef GCSIM_LINK_FAILURE_H
#define GCSIM_LINK_FAILURE_H

#include <ns3/error-model.h>
#include <ns3/net-device.h>

namespace ns3
{
namespace gcsim
{

/**
 * \brief A receiver on a link that can fail: while the link (or the receiving router) is
 * down, it loses every frame; while up, it leaves the frame to the error model it replaced
 * (a lossy link's FrameLoss, a client NIC's filter), or takes it in.
 *
 * Installed as a device's receive error model, in place of the one it wraps (Wrap()), so a
 * run whose links never fail never has one. A frame lost to the failure never reaches the
 * stack, draws nothing from the wrapped model, and is counted (GetLost()).
 */
class LinkFailure : public ErrorModel
{
public:
    static TypeId GetTypeId();
    LinkFailure();
    ~LinkFailure() override;

    /**
     * The LinkFailure receiving at \p device (a point-to-point or CSMA device): the one
     * there already, else a new one wrapping the device's receive error model.
     */
    static Ptr<LinkFailure> Wrap(Ptr<NetDevice> device);

    /// Down: every frame is lost from now on; up: frames pass to the wrapped model.
    void SetDown(bool down);
    bool IsDown() const;
    /// Frames lost while down.
    uint64_t GetLost() const;

private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;
    void DoDispose() override;

    Ptr<ErrorModel> m_inner; //!< the device's receive error model before, or null
    bool m_down{false};
    uint64_t m_lost{0};
};

} // namespace gcsim
} // namespace ns3

#endif
