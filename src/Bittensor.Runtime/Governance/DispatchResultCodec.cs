using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Governance;

/// <summary>
/// SCALE form of a dispatch result inside events: 0 for success; 1 then the error — variant 2 for a bad origin,
/// variant 3 with the module index and the error index padded to four bytes for a module error.
/// </summary>
public static class DispatchResultCodec
{
    public static void Write(ScaleWriter writer, DispatchError? result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (result is null)
        {
            writer.WriteU8(0);
            return;
        }

        writer.WriteU8(1);
        if (result == DispatchError.BadOrigin)
        {
            writer.WriteU8(2);
            return;
        }

        writer.WriteU8(3);
        writer.WriteU8(result.ModuleIndex);
        writer.WriteFixed([result.ErrorIndex, 0, 0, 0]);
    }
}
