package com.goodpackagerepo.pipeline.ops;

import com.goodpackagerepo.auth.AuthSettings;
import com.goodpackagerepo.cache.ResponseCache;
import com.goodpackagerepo.pipeline.OpFamily;
import com.goodpackagerepo.pipeline.PipelineWrites;
import com.goodpackagerepo.pipeline.Transactions;
import com.goodpackagerepo.proxy.UpstreamClient;
import com.goodpackagerepo.storage.engines.Stores;
import java.util.List;

/** Wires the op families by hand, as CDI does in the server. */
public final class OpsWiring {
    private OpsWiring() {
    }

    public static List<OpFamily> families(Stores stores, PipelineWrites writes, Transactions transactions, ResponseCache cache,
                                          AuthSettings auth) {
        AuthOps authOps = new AuthOps();
        authOps.settings = auth;
        TxnOps txn = new TxnOps();
        txn.transactions = transactions;
        KvOps kv = new KvOps();
        kv.writes = writes;
        BlobOps blob = new BlobOps();
        blob.stores = stores;
        blob.traffic = com.goodpackagerepo.observability.BlobTraffic.UNCOUNTED;
        blob.writeGuard = new com.goodpackagerepo.cache.BlobWriteGuard();
        com.goodpackagerepo.cache.BlobCache blobCache = new com.goodpackagerepo.cache.BlobCache();
        blob.blobCache = blobCache;
        IndexOps index = new IndexOps();
        index.stores = stores;
        index.writes = writes;
        CacheOps cacheOps = new CacheOps();
        cacheOps.cache = cache;
        cacheOps.blobCache = blobCache;
        ProxyOps proxy = new ProxyOps();
        proxy.client = new UpstreamClient();
        proxy.blobCache = blobCache;
        EmitOps emit = new EmitOps();
        emit.writes = writes;
        return List.of(authOps, new ParseOps(), new NormalizeOps(), new ValidateOps(), txn, kv, blob, index,
                cacheOps, proxy, emit, new RespondOps(), new TimeOps(), new StringOps());
    }
}
