using System.Buffers;
using System.Text;

namespace KbGen.Loading.Cache;

/// <summary>A <see cref="BinaryReader"/> for the build cache's files, reading the same format.
/// BinaryReader.ReadString decodes 128 bytes at a time and joins any longer string (most claims,
/// every search entry) through a new StringBuilder: an incremental build of 1,000 topics made
/// 25 MB of builders and chunks that way. Here a string's bytes are read whole into one reused
/// buffer and decoded once.</summary>
internal sealed class CacheReader(Stream input) : BinaryReader(input, Encoding.UTF8, leaveOpen: true)
{
    private byte[] _scratch = [];
    // Taken once: a FileStream asks the kernel for its length each time (an fstat per string).
    private readonly long _length = input.Length;

    public override string ReadString()
    {
        var length = Read7BitEncodedInt();
        if (length < 0) throw new InvalidDataException("bad string length");
        if (length == 0) return "";
        // A damaged length must not rent gigabytes: it can be no longer than what is left.
        if (length > _length - BaseStream.Position) throw new EndOfStreamException();
        if (length > _scratch.Length)
        {
            if (_scratch.Length > 0) ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = ArrayPool<byte>.Shared.Rent(length);
        }
        BaseStream.ReadExactly(_scratch, 0, length);
        return Encoding.UTF8.GetString(_scratch, 0, length);
    }

    protected override void Dispose(bool disposing)
    {
        if (_scratch.Length > 0) ArrayPool<byte>.Shared.Return(_scratch);
        _scratch = [];
        base.Dispose(disposing);
    }
}
