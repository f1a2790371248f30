// Process entry of the puzzle subgraph: everything a subgraph process does is runService's (@supergraph/subgraph).
import { runService } from '@supergraph/subgraph';
import { service } from './service';

runService(service);
