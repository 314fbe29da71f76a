package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.util.List;

/**
 * Newline-delimited frames with one addition to Netty's decoder: when the input ends (the client
 * closed or half-closed the connection) the bytes after the last newline are a final line, as
 * over stdio, not silently dropped. A line over the cap fails with {@code TooLongFrameException}
 * once its newline arrives and is skipped; the next line is read as usual.
 */
final class TcpLines extends LineBasedFrameDecoder {
    TcpLines(int maxLineBytes) {
        super(maxLineBytes, true, false);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) out.add(in.readRetainedSlice(in.readableBytes()));
    }
}
