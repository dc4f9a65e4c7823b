namespace Bittensor.Runtime.Framework;

/// <summary>Builds the exceptions that abort a call with a module's named error.</summary>
public static class Fail
{
    public static DispatchException With<TError>(byte moduleIndex, string module, TError error)
        where TError : struct, Enum =>
        new(new DispatchError(moduleIndex, Convert.ToByte(error, System.Globalization.CultureInfo.InvariantCulture), module, error.ToString()));
}
