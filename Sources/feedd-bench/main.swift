import Foundation

exit(FeeddBench.main())
