using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Calls;

/// <summary>Reads one whole call (module index, call index, arguments) from SCALE.</summary>
public delegate RuntimeCall CallDecoder(ref ScaleReader reader);
